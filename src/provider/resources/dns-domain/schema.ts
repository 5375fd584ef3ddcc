import { requiresReplace, useStateForUnknown } from '../../framework/plan-modifiers';
import { attr, resourceSchema, type StateOf } from '../../framework/schema-builder';
import { checkDomainName } from './rules';

export const DNS_DOMAIN_TYPE = 'lightyear_dns_domain';

export const dnsDomainSchema = resourceSchema({
  version: 0,
  description:
    'A DNS domain (zone) served by LightYear Cloud. Its records are `lightyear_dns_record` resources. Import it by its name: `terraform import lightyear_dns_domain.x example.com`.',
  attributes: {
    id: attr.string({
      description: 'The domain name itself: domains are addressed by name.',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
    domain: attr.string({
      description:
        'The domain name, such as `example.com`, written as the API stores it: lower-case and without a trailing dot (`Example.COM.` is refused with the spelling to use). Internationalized names in their punycode form (`xn--...`). Changing it replaces the domain. Destroying the domain also deletes every record in it at LightYear Cloud, including records Terraform does not manage.',
      required: true,
      validate: checkDomainName,
      planModifiers: [requiresReplace()],
    }),
    created_at: attr.string({
      description: 'When the domain was added (RFC 3339, UTC).',
      computed: true,
      planModifiers: [useStateForUnknown()],
    }),
  },
});

export type DnsDomainState = StateOf<typeof dnsDomainSchema>;
