# The message of the day and the database password, from node attributes (the template's json, the
# web role's defaults) and the motd data bag.
directory "#{node['imagebake']['output_dir']}" do
  mode '0755'
end

file "#{node['imagebake']['output_dir']}/motd" do
  content "Welcome to the #{node['imagebake']['tier']} tier. #{data_bag_item('motd', 'greeting')['text']}\n"
  mode '0644'
end

file "#{node['imagebake']['output_dir']}/db-password" do
  content "#{node['imagebake']['db_password']}\n"
  mode '0600'
end
