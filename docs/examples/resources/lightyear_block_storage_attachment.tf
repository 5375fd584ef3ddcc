# Attaches a volume to an instance in its region. Creating the attachment waits while the instance is
# still provisioning; destroying it detaches the volume and keeps its data.
# Import an existing attachment by its volume's id: terraform import lightyear_block_storage_attachment.logs blk_...
resource "lightyear_instance" "web" {
  label  = "web"
  region = "fra"
  plan   = "vc2-1c-1gb"
  image  = "ubuntu-24.04"
}

resource "lightyear_block_storage" "logs" {
  label   = "web-logs"
  region  = "fra"
  size_gb = 20
}

resource "lightyear_block_storage_attachment" "logs" {
  block_id    = lightyear_block_storage.logs.id
  instance_id = lightyear_instance.web.id

  timeouts {
    create = "15m" # how long to wait for the instance to become active
  }
}
