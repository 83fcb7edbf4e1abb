# The facts come from the template's facter key (FACTER_* variables): output_dir, role, api_token.
file { $facts['output_dir']:
  ensure => directory,
}

class { 'motd':
  output_dir => $facts['output_dir'],
  require    => File[$facts['output_dir']],
}

file { "${facts['output_dir']}/api-token":
  content => "${facts['api_token']}\n",
  mode    => '0600',
  require => File[$facts['output_dir']],
}
