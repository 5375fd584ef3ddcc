import {
  canonicalEventType,
  controlCharacterReason,
  NAME_LIMITS,
  sameEventType,
  WEBHOOK_EVENT_TYPES,
  webhookUrlProblem,
} from '../../../spelling';
import type { Value } from '../../protocol/values';

/**
 * The API's own rules for a webhook (src/spelling), judged offline at validate time: an unknown event name or
 * a URL the API would refuse never reaches an apply.
 */

export function checkUrl(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.length > 2048) return 'url must be at most 2048 characters';
  const problem = webhookUrlProblem(value);
  return problem === undefined ? undefined : `url ${problem}`;
}

export function checkEvents(value: Value): string | undefined {
  if (!Array.isArray(value)) return undefined;
  if (value.length === 0) return 'events must list at least one event type, such as "instance.created"';
  const unknown = (value as Value[]).filter(
    (e): e is string => typeof e === 'string' && canonicalEventType(e) === undefined,
  );
  if (unknown.length === 0) return undefined;
  return `events has ${unknown.map((e) => JSON.stringify(e)).join(', ')}, which ${unknown.length === 1 ? 'is not an event type' : 'are not event types'}; the event types are ${WEBHOOK_EVENT_TYPES.join(', ')}`;
}

export function checkDescription(value: Value): string | undefined {
  if (typeof value !== 'string') return undefined;
  const { max } = NAME_LIMITS.webhookDescription;
  if (value.trim().length > max) return `description must be at most ${max} characters`;
  const reason = controlCharacterReason(value.trim());
  return reason === undefined ? undefined : `description ${reason}`;
}

/** `Instance.Created` is `instance.created`. */
export function sameEvent(a: Value, b: Value): boolean {
  return typeof a === 'string' && typeof b === 'string' && sameEventType(a, b);
}

/** The API trims a description. */
export function sameDescription(a: Value, b: Value): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.trim() === b.trim();
}
