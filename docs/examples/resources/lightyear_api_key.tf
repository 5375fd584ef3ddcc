# A key for a CI pipeline: only what the pipeline needs, usable only from the CI runners, and re-created
# with a fresh secret once it expires. plantimestamp() gives each new key 30 days; ignore_changes keeps the
# plan empty in between, and the provider plans the re-creation when the 30 days are up.
resource "lightyear_api_key" "ci" {
  name        = "ci-deploy"
  permissions = ["instances:write", "ssh_keys:read", "firewalls:read"]
  expires_at  = timeadd(plantimestamp(), "720h")
  allowed_ips = ["203.0.113.0/24", "2001:db8:1234::/48"]

  lifecycle {
    ignore_changes = [expires_at]
  }
}

# Hand the secret to the pipeline's secret store; `terraform output -raw ci_api_key` prints it.
output "ci_api_key" {
  value     = lightyear_api_key.ci.secret
  sensitive = true
}
