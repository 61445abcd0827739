import { view } from '@forge/bridge';

/**
 * Asks the host to apply Jira's current theme (light/dark) to this iframe: it sets
 * `html[data-color-mode]` and loads the `--ds-*` token CSS, which `styles.css` reads with light
 * fallbacks. A failure only costs the theme, so it is swallowed.
 * @see https://developer.atlassian.com/platform/forge/design-tokens-and-theming/
 */
export async function followHostTheme(): Promise<void> {
  try {
    await view.theme.enable();
  } catch {
    // The light fallbacks in styles.css still apply.
  }
}
