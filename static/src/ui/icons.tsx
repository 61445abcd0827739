/** Small stroke icons drawn with `currentColor`, so they follow the text colour in both themes. */
const icon = (path: string, className = 'fb-icon') =>
  function Icon() {
    return (
      <svg className={className} viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
        <path d={path} />
      </svg>
    );
  };

export const PencilIcon = icon('M4 20h4L19 9l-4-4L4 16v4Zm9-13 4 4');
export const ErrorIcon = icon('M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18Zm0-13v5.5m0 3v.25');
export const WarningIcon = icon('M12 3 2.5 20h19L12 3Zm0 5.5v6m0 2.75v.25');
export const CheckIcon = icon('m5 12.5 4.5 4.5L19 7', 'fb-icon fb-icon--met');
export const CrossIcon = icon('M7 7l10 10M17 7 7 17', 'fb-icon fb-icon--unmet');
export const ChevronIcon = icon('m9 6 6 6-6 6', 'fb-icon fb-chevron');
export const UpIcon = icon('M12 19V5m-6 6 6-6 6 6');
export const DownIcon = icon('M12 5v14m-6-6 6 6 6-6');
export const TrashIcon = icon('M5 7h14M10 7V4h4v3m-7 0 1 13h8l1-13');
