# Tells a deployment service about new and destroyed instances. Verify each delivery: the
# X-LightYear-Signature header is "sha256=" + hex HMAC-SHA256(secret, raw request body).
resource "lightyear_webhook" "deploys" {
  url         = "https://hooks.example.com/lightyear"
  events      = ["instance.created", "instance.destroyed"]
  description = "deployment notifications"
}

# Give the receiver its signing secret; `terraform output -raw deploys_webhook_secret` prints it.
output "deploys_webhook_secret" {
  value     = lightyear_webhook.deploys.secret
  sensitive = true
}
