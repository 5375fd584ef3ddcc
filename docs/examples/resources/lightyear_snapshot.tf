# A snapshot of an instance's disk, taken once when it is created (it waits until the snapshot is complete).
# Snapshots never change: a new description or instance takes a new snapshot and deletes the old one.
resource "lightyear_instance" "app" {
  label  = "app"
  region = "ams"
  plan   = "vc2-1c-1gb"
  image  = "debian-12"
}

resource "lightyear_snapshot" "before_upgrade" {
  instance_id = lightyear_instance.app.id
  description = "app before the 2.0 upgrade"
}

output "snapshot_size_gb" {
  value = lightyear_snapshot.before_upgrade.size_gb
}
