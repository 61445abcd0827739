import { describe, expect, it } from 'vitest';

import type { JiraResponse, JiraTransport } from './jira-transport';
import { getPriorityNames } from './priorities';

const json = (body: unknown): JiraResponse => ({ status: 200, headers: { get: () => null }, text: () => Promise.resolve(JSON.stringify(body)) });

describe('getPriorityNames', () => {
  it('follows /priority/search page by page until Jira says it was the last', async () => {
    const paths: string[] = [];
    const jira: JiraTransport = {
      request: (path) => {
        paths.push(path.value);
        return Promise.resolve(
          paths.length === 1
            ? json({ startAt: 0, maxResults: 2, total: 3, isLast: false, values: [{ id: '1', name: 'Highest' }, { id: '2', name: 'High' }] })
            : json({ startAt: 2, maxResults: 2, total: 3, isLast: true, values: [{ id: '3', name: 'Medium' }] }),
        );
      },
    };

    expect(await getPriorityNames(jira)).toEqual(['Highest', 'High', 'Medium']);
    expect(paths).toEqual(['/rest/api/3/priority/search?startAt=0&maxResults=50', '/rest/api/3/priority/search?startAt=2&maxResults=50']);
  });
});
