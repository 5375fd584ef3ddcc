# The newest Debian image; use its id as an instance's image.
data "lightyear_image" "debian" {
  family = "debian"
}

# Or a release pinned by id, so new images never change your instances.
data "lightyear_image" "ubuntu_lts" {
  id = "ubuntu-24.04"
}

output "debian_image" {
  value = data.lightyear_image.debian.id
}

output "ubuntu_image_name" {
  value = data.lightyear_image.ubuntu_lts.name
}
