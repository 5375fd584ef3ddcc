# The cheapest plan in Frankfurt with at least 2 vCPUs and 4 GB of RAM; use its id as an instance's plan.
data "lightyear_plan" "web" {
  region         = "fra"
  min_vcpu_count = 2
  min_ram_mb     = 4096
}

# Or a plan you already know, by id.
data "lightyear_plan" "small" {
  id = "vc2-1c-1gb"
}

output "web_plan" {
  value = "${data.lightyear_plan.web.id} costs ${data.lightyear_plan.web.monthly_cost_usd} USD a month"
}

output "small_plan_regions" {
  value = data.lightyear_plan.small.regions
}
