# The message of the day; greeting and tier come from hiera (automatic parameter lookup).
class motd (
  String $output_dir,
  String $greeting,
  String $tier,
) {
  file { "${output_dir}/motd":
    content => "${greeting} ${tier}. Built by ${facts['packer_build_name']} (${facts['packer_builder_type']}) with Puppet.\n",
  }
}
