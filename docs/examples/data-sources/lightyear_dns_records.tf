# Reads only the records of one type and/or name: here the MX records of the domain itself ("@").
# Usually the domain is managed by another configuration; the resources here only make the example run.
resource "lightyear_dns_domain" "managed_elsewhere" {
  domain = "example.net"
}

resource "lightyear_dns_record" "mail" {
  domain   = lightyear_dns_domain.managed_elsewhere.domain
  type     = "MX"
  data     = "mail.example.net"
  priority = 10
}

data "lightyear_dns_records" "mx" {
  domain     = "example.net"
  type       = "MX"
  name       = "@"
  depends_on = [lightyear_dns_record.mail] # read after the records exist
}

output "mail_exchangers" {
  value = { for r in data.lightyear_dns_records.mx.records : r.data => r.priority }
}
