# Looks an instance up by its label (or by `id = "inst_..."`), e.g. one another team's configuration manages.
# A label that matches no instance, or several, is an error that names what was found.
resource "lightyear_instance" "db" {
  label  = "db-1"
  region = "ams"
  plan   = "vc2-1c-2gb"
  image  = "debian-12"
}

data "lightyear_instance" "db" {
  # Referring to the resource makes Terraform read this after the instance exists.
  label = lightyear_instance.db.label
}

output "db_address" {
  value = data.lightyear_instance.db.ipv4
}
