# A 50 GB volume for a database's data, attached to an instance in the same region.
# Raise size_gb later to grow it in place (then grow the file system inside the instance);
# a smaller size_gb is refused at plan time, since a volume cannot shrink.
resource "lightyear_instance" "db" {
  label  = "db"
  region = "ams"
  plan   = "vc2-1c-1gb"
  image  = "debian-12"
}

resource "lightyear_block_storage" "data" {
  label   = "db-data"
  region  = lightyear_instance.db.region # must offer block storage, as ams does
  size_gb = 50
}

resource "lightyear_block_storage_attachment" "data" {
  block_id    = lightyear_block_storage.data.id
  instance_id = lightyear_instance.db.id
}

output "data_volume_id" {
  value = lightyear_block_storage.data.id
}
