# What a region offers, e.g. to put block storage only where it exists.
data "lightyear_region" "amsterdam" {
  id = "ams"
}

output "amsterdam_has_block_storage" {
  value = contains(data.lightyear_region.amsterdam.features, "block_storage")
}

output "amsterdam_location" {
  value = "${data.lightyear_region.amsterdam.city}, ${data.lightyear_region.amsterdam.country}"
}
