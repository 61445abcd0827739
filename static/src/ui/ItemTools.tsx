import { DownIcon, TrashIcon, UpIcon } from './icons';

/**
 * "Move up", "Move down" and "Remove" for one entry of an ordered list the person edits. The
 * buttons are icons, so each names the entry it acts on (`Move level 2 up`).
 */
export function ItemTools({
  noun,
  index,
  count,
  disabled,
  onMove,
  onRemove,
}: {
  /** What an entry is called in the buttons' names ("item", "level"). */
  readonly noun: string;
  readonly index: number;
  readonly count: number;
  readonly disabled: boolean;
  readonly onMove: (by: -1 | 1) => void;
  readonly onRemove: () => void;
}) {
  const name = `${noun} ${String(index + 1)}`;
  return (
    <div className="fb-item__tools">
      <button type="button" className="fb-button fb-button--subtle fb-button--icon" aria-label={`Move ${name} up`} disabled={disabled || index === 0} onClick={() => onMove(-1)}>
        <UpIcon />
      </button>
      <button type="button" className="fb-button fb-button--subtle fb-button--icon" aria-label={`Move ${name} down`} disabled={disabled || index === count - 1} onClick={() => onMove(1)}>
        <DownIcon />
      </button>
      <button type="button" className="fb-button fb-button--subtle fb-button--icon" aria-label={`Remove ${name}`} disabled={disabled} onClick={onRemove}>
        <TrashIcon />
      </button>
    </div>
  );
}
