# An instance managed elsewhere, by its label (or `id = "inst_..."`). A label that matches no instance, or
# several, is an error that names what was found.
data "lightyear_instance" "db" {
  label = "db-1"
}

output "db_private_address" {
  value = data.lightyear_instance.db.ipv4
}
