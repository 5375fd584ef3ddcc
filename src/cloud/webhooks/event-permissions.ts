// The table lives in src/spelling, shared with the provider's plan-time check of a webhook's events.
export { EVENT_READ_PERMISSION } from '../../spelling/webhook-events';
