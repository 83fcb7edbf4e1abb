greeting: hello from the Salt pillar
