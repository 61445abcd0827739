import type { MouseEvent } from 'react';

import { issuePath, openJiraPage } from '../../platform/router';

const onIssueLink = (event: MouseEvent<HTMLAnchorElement>, key: string) => {
  event.preventDefault();
  openJiraPage(issuePath(key));
};

/** An issue key that opens the issue through the host's router (`/browse/KEY`), not inside the iframe. */
export function IssueLink({ issueKey }: { readonly issueKey: string }) {
  return (
    <a href={issuePath(issueKey)} onClick={(event) => onIssueLink(event, issueKey)}>
      {issueKey}
    </a>
  );
}
