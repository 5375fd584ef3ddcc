# A firewall for web servers: SSH from the office, HTTP and HTTPS and ping from anywhere.
# Instances use it by setting firewall_id = lightyear_firewall.web.id.
resource "lightyear_firewall" "web" {
  name = "web"

  inbound_rules = [
    {
      protocol = "tcp"
      ports    = "22"
      sources  = ["203.0.113.0/24"] # your office network
    },
    {
      protocol = "tcp"
      ports    = "80"
      sources  = ["0.0.0.0/0", "::/0"]
    },
    {
      protocol = "tcp"
      ports    = "443"
      sources  = ["0.0.0.0/0", "::/0"]
    },
    {
      protocol = "icmp" # no ports for icmp
      sources  = ["0.0.0.0/0", "::/0"]
    },
  ]

  # Leave outbound_rules out for no outbound rules.
  outbound_rules = [
    {
      protocol     = "tcp"
      ports        = "1-65535"
      destinations = ["0.0.0.0/0", "::/0"]
    },
    {
      protocol     = "udp"
      ports        = "53"
      destinations = ["0.0.0.0/0", "::/0"]
    },
  ]
}

output "web_firewall_id" {
  value = lightyear_firewall.web.id
}
