# Reads a domain and all its records. Usually the domain is managed by another configuration; the two
# resources here only make the example run as it is.
resource "lightyear_dns_domain" "managed_elsewhere" {
  domain = "example.com"
}

resource "lightyear_dns_record" "mail" {
  domain   = lightyear_dns_domain.managed_elsewhere.domain
  type     = "MX"
  data     = "mail.example.com"
  priority = 10
}

data "lightyear_dns_domain" "main" {
  domain     = "example.com"
  depends_on = [lightyear_dns_record.mail] # read after the records exist
}

output "mail_hosts" {
  value = [for r in data.lightyear_dns_domain.main.records : r.data if r.type == "MX"]
}
