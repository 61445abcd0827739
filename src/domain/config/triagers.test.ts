import { describe, expect, it } from 'vitest';

import { DEFAULT_TRIAGERS } from '../../contract/project-config.contract';
import { describeTriagers, notTriagerSentence } from './triagers';

describe('who triages, in words', () => {
  it('names the default roles', () => {
    expect(describeTriagers(DEFAULT_TRIAGERS)).toBe('members of the Developers or Administrators project role');
  });

  it('names roles and groups together, and groups alone', () => {
    expect(describeTriagers({ roles: ['Developers'], groups: ['support-leads', 'on-call'] })).toBe('members of the Developers project role, or of the support-leads or on-call group');
    expect(describeTriagers({ roles: [], groups: ['on-call'] })).toBe('members of the on-call group');
  });

  it('tells someone who is not a triager what to do, and why a role could not count', () => {
    expect(notTriagerSentence('SHOP', DEFAULT_TRIAGERS, 'decide the severity', { missingRoles: [], unreadableRoles: [] })).toBe(
      'Only triagers can decide the severity in SHOP: members of the Developers or Administrators project role. Ask a project admin to add you, or to change who triages in the project’s Firebreak settings.',
    );
    const sentence = notTriagerSentence('SHOP', { roles: ['Devs', 'Administrators'], groups: [] }, 'classify issues', { missingRoles: ['Devs'], unreadableRoles: ['Administrators'] });
    expect(sentence).toContain('SHOP has no Devs role any more');
    expect(sentence).toContain('who holds the Administrators role');
  });
});
