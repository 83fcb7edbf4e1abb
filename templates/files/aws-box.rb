# Made by imagebake from {{ .ArtifactId }} (build {{ .BuildName }}).
Vagrant.configure("2") do |config|
  config.vm.provider "aws" do |aws|
    aws.instance_type = "t3.micro"
  end
end
