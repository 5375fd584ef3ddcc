# A domain (zone) LightYear Cloud serves. Write it lower-case without a trailing dot: "example.com".
# Destroying it deletes every record in it, including records Terraform does not manage.
resource "lightyear_dns_domain" "main" {
  domain = "example.com"
}

output "domain" {
  value = lightyear_dns_domain.main.domain
}
