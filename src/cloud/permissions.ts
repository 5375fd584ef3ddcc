// The rule lives in src/spelling, shared with the provider's plan-time check of a new key's permissions.
export { grants, permissionsNotCovered } from '../spelling/permissions';
