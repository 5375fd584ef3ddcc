# Registers your own public key; instances list it in ssh_key_ids to let you log in.
# No key pair yet? `ssh-keygen -t ed25519` writes ~/.ssh/id_ed25519 and ~/.ssh/id_ed25519.pub.
resource "lightyear_ssh_key" "laptop" {
  name       = "laptop"
  public_key = trimspace(file("~/.ssh/id_ed25519.pub")) # the .pub file, never the private key
}

output "laptop_key_fingerprint" {
  value = lightyear_ssh_key.laptop.fingerprint
}
