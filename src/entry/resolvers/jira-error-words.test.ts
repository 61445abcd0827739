import { describe, expect, it } from 'vitest';

import { JiraError } from '../../jira/jira-error';
import { describeJiraError } from './run-resolver';

const messageOf = (error: JiraError): string => {
  const result = describeJiraError(error);
  return result.ok ? '' : result.error.message;
};

describe('what a person reads when Jira answers 400', () => {
  it.each([
    ['POST search/jql', ["Field 'sevrity' does not exist."]],
    ['POST approximate-count', ['The JQL is not valid.']],
    ['GET issue', ['Bad field list.']],
    ['POST permissions/check', ['Invalid permission.']],
  ])('says a refused read (%s) changed nothing, never "rejected the change"', (operation, messages) => {
    const words = messageOf(new JiraError('bad-request', operation, 400, messages));
    expect(words).toBe(`Jira could not answer what Firebreak asked: ${messages.join(' ').replace(/\.$/, '')}. Nothing was changed.`);
  });

  it.each([['POST issue'], ['PUT issue'], ['POST comment'], ['POST transition']])('says Jira rejected the change for a write (%s)', (operation) => {
    expect(messageOf(new JiraError('bad-request', operation, 400, ['Summary is required.']))).toBe('Jira rejected the change: Summary is required.');
  });

  it('gives a reason even when Jira gave none', () => {
    expect(messageOf(new JiraError('bad-request', 'POST search/jql', 400))).toContain('no reason given');
  });
});
