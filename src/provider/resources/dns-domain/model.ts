import type { Domain } from '../../../api';
import type { ObjectValue } from '../../protocol/values';
import { readState, toValue } from '../../framework/typed-state';
import { dnsDomainSchema, type DnsDomainState } from './schema';

export function stateFromValue(v: ObjectValue): DnsDomainState {
  return readState(dnsDomainSchema, v);
}

/** The API object as state; the id is the name, since domains are addressed by it. */
export function stateFromApi(domain: Domain): DnsDomainState {
  return { id: domain.domain, domain: domain.domain, created_at: domain.created_at };
}

export function valueFromApi(domain: Domain): ObjectValue {
  return toValue(dnsDomainSchema, stateFromApi(domain));
}
