# A file from the state tree, and a file from a pillar value of the pillar roots.
/tmp/imagebake-salt-example/motd:
  file.managed:
    - source: salt://motd/motd.txt
    - makedirs: True

/tmp/imagebake-salt-example/greeting:
  file.managed:
    - contents_pillar: greeting
