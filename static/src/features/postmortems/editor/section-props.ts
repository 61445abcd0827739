import type { PostmortemDraft } from '../postmortem-draft';
import type { EditorState } from '../postmortem-editor.state';

/** How a section changes the draft: a pure function from the draft to the next, applied by the reducer. */
export type EditFn = (change: (draft: PostmortemDraft) => PostmortemDraft) => void;

/** What every editor section gets: the state it shows, the way to edit it, and whether its controls are off. */
export interface SectionProps {
  readonly state: EditorState;
  readonly edit: EditFn;
  /** True while a call runs or when the person may only read. */
  readonly disabled: boolean;
}
