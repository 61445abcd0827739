import { POSTMORTEM_LIMITS } from '@contract/postmortem.values';
import { type PostmortemDraft, removeAt, replaceAt } from '../postmortem-draft';
import { type EditorState, canEditPostmortem } from '../postmortem-editor.state';

/** How a section changes the draft: a pure function from the draft to the next, applied by the reducer. */
export type EditFn = (change: (draft: PostmortemDraft) => PostmortemDraft) => void;

/** What every editor section gets: the state it shows, the way to edit it, and whether its controls are off. */
export interface SectionProps {
  readonly state: EditorState;
  readonly edit: EditFn;
  /** True while a call runs or when the person may only read. */
  readonly disabled: boolean;
}

/** The draft's lists that are filled in row by row (ui/ItemRows.tsx). */
type RowList = 'artifacts' | 'actions' | 'remediation' | 'contributingFactors';
type RowOf<K extends RowList> = PostmortemDraft[K][number];

/**
 * One of the draft's lists as `ui/ItemRows` takes it (its entries, the contract's limit on them,
 * whether the person may change them) with adding, removing and changing an entry as edits: the
 * wiring every row-by-row section needs, named once. `create` makes a new, empty entry.
 */
export function rowList<K extends RowList>({ state, edit, disabled }: SectionProps, list: K, create: (draft: PostmortemDraft, now: number) => RowOf<K>) {
  const rows = (draft: PostmortemDraft): ReadonlyArray<RowOf<K>> => draft[list];
  const withRows = (draft: PostmortemDraft, next: ReadonlyArray<RowOf<K>>): PostmortemDraft => ({ ...draft, [list]: next });
  return {
    change: (index: number, patch: Partial<RowOf<K>>) => edit((d) => withRows(d, replaceAt(rows(d), index, patch))),
    rows: {
      items: rows(state.draft),
      // Artifacts carry no id in the contract, only the key the draft gives them for React.
      keyOf: (row: RowOf<K>) => ('key' in row ? row.key : row.id),
      max: POSTMORTEM_LIMITS[list],
      editable: canEditPostmortem(state),
      disabled,
      onAdd: () => edit((d) => withRows(d, [...rows(d), create(d, Date.now())])),
      onRemove: (index: number) => edit((d) => withRows(d, removeAt(rows(d), index))),
    },
  };
}
