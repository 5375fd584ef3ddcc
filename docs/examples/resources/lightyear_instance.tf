# A small Debian server you can log in to, set up by cloud-init on first boot.
resource "lightyear_ssh_key" "admin" {
  name       = "admin"
  public_key = trimspace(file("~/.ssh/id_ed25519.pub"))
}

resource "lightyear_instance" "web" {
  label       = "web-1"
  region      = "ams"        # changing it replaces the instance
  plan        = "vc2-1c-2gb" # a larger plan resizes in place; a smaller disk is refused at plan time
  image       = "debian-12"  # changing it replaces the instance
  hostname    = "web-1"
  ssh_key_ids = [lightyear_ssh_key.admin.id]
  enable_ipv6 = true
  backups     = true
  tags        = ["web", "env:production"]

  # Written as text; the provider base64-encodes it. `file("cloud-init.yaml")` works the same way.
  user_data = <<-EOT
    #cloud-config
    packages:
      - nginx
  EOT

  # power_status = "stopped" powers it off in place; firewall_id attaches a lightyear_firewall.

  timeouts {
    create = "15m"
  }
}

output "web_ipv4" {
  value = lightyear_instance.web.ipv4
}
