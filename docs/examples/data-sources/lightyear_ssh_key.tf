# A key registered outside this configuration (by a teammate, `npx lyctl ssh-key create` or another stack), by
# name; list its id in an instance's ssh_key_ids. Two keys with that name are an error: use `id` then.
data "lightyear_ssh_key" "deploy" {
  name = "deploy"
}

output "deploy_key_id" {
  value = data.lightyear_ssh_key.deploy.id
}

output "deploy_key_fingerprint" {
  value = data.lightyear_ssh_key.deploy.fingerprint
}
