/**
 * Journey (part "progress", issue 14): a scrum master opens a dashboard whose capacity gadget's board
 * has closed sprints too large to read within a view. The gadget shows a progress bar while the
 * background job reads them, the bar moves as sprints are read, and the figures appear without
 * anyone pressing anything; asking again on its own never starts a second read.
 *
 * The limit of what a view reads itself is lowered to 0 for this sandbox (the bench runs real
 * sizes), and each sprint's read waits at a gate the test opens, so the bar is seen moving (or
 * fails as the test says). Four sprints are read: the three closed ones and the active one, whose
 * memos the job warms (never failing the run).
 */
import type { FrameLocator } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';

import type * as FactsSource from '../../src/entry/use-cases/capacity/sprint-facts-source';
import { SCRUM_MASTER } from '../support/capacity-scenario';
import { Person, useBrowserSandbox } from '../support/host-page';
import { threeClosedSprintsScenario } from '../support/progress-scenario';

const gate = vi.hoisted(() => ({ holding: true, waiting: [] as Array<() => void>, failWith: null as string | null }));

vi.mock('../../src/entry/use-cases/capacity/sprint-facts-source', async (importOriginal) => {
  const actual = await importOriginal<typeof FactsSource>();
  return {
    ...actual,
    INLINE_READ_LIMIT: 0,
    cacheSettledSprintFacts: async (...args: Parameters<typeof actual.cacheSettledSprintFacts>) => {
      if (gate.holding) await new Promise<void>((resolve) => gate.waiting.push(resolve));
      if (gate.failWith !== null) throw new Error(gate.failWith);
      return actual.cacheSettledSprintFacts(...args);
    },
    warmSprintMemos: async (...args: Parameters<typeof actual.warmSprintMemos>) => {
      if (gate.holding) await new Promise<void>((resolve) => gate.waiting.push(resolve));
      return actual.warmSprintMemos(...args);
    },
  };
});

const configuration = { boardId: 1, sprint: 'active', measure: 'time', trendSprints: 4, planningSprints: 3, criteria: null };
const world = useBrowserSandbox({ ...threeClosedSprintsScenario(), dashboardGadgets: [{ id: 'capacity-1', moduleKey: 'capacity-gadget', configuration }] } as never);

const gadget = (person: Person): FrameLocator => person.page.frameLocator('iframe[data-module-key="capacity-gadget"]');
const slicesPushed = (): number => world.sandbox.runtime.asyncEvents.pushedEvents().filter((event) => event.body['kind'] === 'sprint-facts').length;

describe('capacity gadget while a large board is read in the background', () => {
  it('shows a progress bar that moves as sprints are read, then the figures, without a click', async () => {
    const sam = await Person.at(world, SCRUM_MASTER, '/jira/dashboards/1');
    const view = gadget(sam);

    const bar = view.getByRole('progressbar', { name: 'Reading sprint 1 of 4 from Jira…' });
    await bar.waitFor();
    expect(await bar.getAttribute('aria-valuenow')).toBe('0');
    expect(await bar.getAttribute('aria-valuemax')).toBe('4');
    expect(await bar.getAttribute('aria-valuetext')).toBe('0 of 4 sprints read');
    await view.getByText(/reads them from Jira in the background\. The figures appear here when it is done\./).waitFor();

    // One sprint read: the gadget asks again on its own and the bar moves.
    await vi.waitFor(() => expect(gate.waiting.length).toBeGreaterThan(0));
    gate.waiting.shift()?.();
    await view.getByRole('progressbar', { name: 'Reading sprint 2 of 4 from Jira…' }).waitFor({ timeout: 20_000 });
    expect(await view.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1');

    // The rest: the figures replace the bar, and nobody pressed anything.
    gate.holding = false;
    gate.waiting.splice(0).forEach((resolve) => resolve());
    await view.getByText('Outside the sprint', { exact: true }).waitFor({ timeout: 30_000 });
    await view.getByRole('heading', { name: 'SHOP Sprint 2' }).waitFor();
    expect(await view.getByRole('progressbar').count()).toBe(0);
    // However often it asked, the sprints were read by one run.
    expect(slicesPushed()).toBe(4);
    await sam.finish();
  });

  it('says what failed, and Try again reads the sprints again until the figures come', async () => {
    await world.sandbox.reset();
    Object.assign(gate, { holding: false, waiting: [], failWith: 'Jira answered 503: Service Unavailable.' });
    const sam = await Person.at(world, SCRUM_MASTER, '/jira/dashboards/1');
    const view = gadget(sam);

    await view.getByText('Firebreak could not read 3 of 4 sprints from Jira.').waitFor({ timeout: 20_000 });
    await view.getByText(/Jira answered 503: Service Unavailable\. Select Try again to read them again\./).waitFor();
    expect(await view.getByRole('progressbar').count()).toBe(0);
    expect(slicesPushed()).toBe(4);

    gate.failWith = null;
    await view.getByRole('button', { name: 'Try again' }).click();
    await view.getByText('Outside the sprint', { exact: true }).waitFor({ timeout: 30_000 });
    expect(slicesPushed()).toBe(8);
    await sam.finish();
  });
});
