/** The project settings page's view for the UI's unit tests, overridden only where a test is about it. */
import type { ProjectConfigView } from '@contract/project-config.contract';

import { DEFAULT_PROJECT_CONFIG } from '../../../../src/domain/config/project-config';

export const generateConfigView = (overrides: Partial<ProjectConfigView> = {}): ProjectConfigView => ({
  projectKey: 'SHOP',
  version: 2,
  config: DEFAULT_PROJECT_CONFIG,
  canEdit: true,
  issueTypes: ['Bug', 'Incident', 'Support request', 'Story'],
  statuses: ['Triage', 'Waiting for reporter', 'In progress'],
  roles: [
    { name: 'Administrators', description: '' },
    { name: 'Developers', description: '' },
    { name: 'Users', description: '' },
  ],
  ...overrides,
});
