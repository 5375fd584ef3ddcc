/**
 * Public keys made by OpenSSH's own `ssh-keygen -t <type> [-b <bits>]`, with the fingerprints
 * `ssh-keygen -lf` printed for them: ground truth the parser did not produce. Private halves were discarded.
 */
export const SSH_KEYGEN_FIXTURES = {
  ed25519: {
    line: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDD8nnLB26SwB26vGqLOzpRYeQSGOfoI7MoRNeiAQNEX fixture-ed25519',
    bits: 256,
    fingerprint: 'SHA256:erQqX0rOpbtefGHUrKpiXMXCK6XOGySMH72BQsnkKto',
  },
  rsa3072: {
    line: 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQDGyIFh3thFA5GUCgkXAwK4dXTTBcxusUcqoYdgV0UuYLbUxpzZohDp11hv/lRlrlGHmWb6bEEWzkKOMo1WIr36CjuV1oPRLDNAB73DaXLZQK9CY/8TZgh9LdUlYVbn0c41bXLbo1vCGrNgcHoxjYkA+HIdRqBdY4wDCQA1WWWXT3WizAZfP9lWq8NzbVlHiwHoHEwGoCEQmfuCXh3L3UQJ7bvbtRfA7CLVdzzmIGQ4kBXRjfx6QX4s6UC1Fg10mcUoZK4qfM20ztdI4gMRkSJQwQHC0p5pPMjkrryx4LcxvfZVOhzXCcsiec8dRr2+zh9GGPLl9449FFE1ahyR0XIEOwW0Rthf5klciIcoac2OZoVeiQ07xAbPK3LcGapk6mfvHPu+pg4idrfKCkGMhas6dabeaS9wmzkEhCeJ4Kb8haTxuoc7pJGAaw9/1O2KZkCUeck/z6UUmoY/2IzNjGj60WehLwXwoeIAYWqoXsRQhOXUVG9CH98hXmh4k/Xphgk= fixture-rsa3072',
    bits: 3072,
    fingerprint: 'SHA256:/83BHUVFwNmiMK5bopLd0bt/ZNoWpdePD27DQHcab2c',
  },
  ecdsa256: {
    line: 'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBOBoVgyHzbLZe3uA3LJDO6WTDkP9KGoVCUM8hynN/egOx9Nm24UZ6pzmzsKPiVA0sjV6txdX7vWXHOCNZK4LouI= fixture-ecdsa256',
    bits: 256,
    fingerprint: 'SHA256:+EG3O1yqEAvSyyAQHguaxSsmSN7BS/6ckxLhF/DzyrA',
  },
  ecdsa384: {
    line: 'ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBCsHZS//ZK0Zm6eXQr3BBFbjvbtGDZtSvsKVQ7gYT2ws++7wOs/LgpvXIsY3EHLuNeZB0vuXdWY9RxEL3OucW9cD8cs1EV4bHtzYTgFqqbi6prhiYluMaEdCdn4Eywod1w== fixture-ecdsa384',
    bits: 384,
    fingerprint: 'SHA256:Xb6tL9NdBmprmeDBZ3eeO2ip7EuWNQwk4kRuSjYp4f4',
  },
  ecdsa521: {
    line: 'ecdsa-sha2-nistp521 AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBAGnEsIRKodRoslZJOvY0bD56YgVvHcbgsjCcPjYSLq0BjNRRtiU4F/R4uGDK7FF6gT+5ol75T227NO6FQSEydKJUACuxLIJLqfq4r9yVVU5fWnURBvEzUaDGTCdpnOnZKvtSPjhozGkIqEzREVLD2p0lGq4h1k3GsBUfbOP3q2E779UCQ== fixture-ecdsa521',
    bits: 521,
    fingerprint: 'SHA256:LCFaZ7j3w7vsgID44SLB8oUZGCZpdV6X5e+yITlcWoo',
  },
  rsa1024: {
    line: 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDUEGDiaM0mbhFdAJmSL5H4B9o7IPFP85Oq0tEXsRbVE/PSETVmSjbaIiuWpewd6C5nWM+X42VCGd1aSUosJSb5G8sDuPpZ8QqJGG8GVoOsca0DRorYBcQxtPJNPqg/zcldUQQ9S31EaZ1AijccqKsArP5gQmS45bUwd38JnHDEvQ== fixture-rsa1024',
    bits: 1024,
    fingerprint: 'SHA256:Zc8xNkYTibPDoJJ3HZovtNBdvLp4q2UsQWPJ83lUqQU',
  },
} as const;
