// Accounts e2e/run.sh creates with the CLI before the journeys start.
export const INITIAL_PASSWORD = 'Start#Lvzhi-2026';
export const ADMINS = [
  { username: 'admin', displayName: '管理员', role: 'sysadmin' },
  { username: 'secadmin', displayName: '安全员', role: 'secadmin' },
  { username: 'auditor', displayName: '审计员', role: 'auditor' },
];
