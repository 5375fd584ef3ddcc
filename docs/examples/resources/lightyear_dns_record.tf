resource "lightyear_dns_domain" "main" {
  domain = "example.org"
}

# The domain itself (the apex): name "@" or "" (the default).
resource "lightyear_dns_record" "apex" {
  domain = lightyear_dns_domain.main.domain
  type   = "A"
  name   = "@"
  data   = "203.0.113.10"
}

resource "lightyear_dns_record" "www" {
  domain = lightyear_dns_domain.main.domain
  type   = "CNAME"
  name   = "www"
  data   = "example.org." # a trailing dot and any case are fine
  ttl    = 3600
}

# MX and SRV records need a priority; no other type takes one.
resource "lightyear_dns_record" "mail" {
  domain   = lightyear_dns_domain.main.domain
  type     = "MX"
  data     = "mail.example.org"
  priority = 10
}

# TXT text as it is; zone-file quotes ("\"v=spf1 ...\"") mean the same.
resource "lightyear_dns_record" "spf" {
  domain = lightyear_dns_domain.main.domain
  type   = "TXT"
  data   = "v=spf1 mx -all"
}

output "www" {
  value = lightyear_dns_record.www.fqdn # www.example.org
}
