# The password comes from the command-line pillar (salt_call_args); Salt shows it in the diff when
# the file changes, and imagebake masks it because db_password is a sensitive variable.
/tmp/imagebake-salt-example/db-password:
  file.managed:
    - contents_pillar: db_password
    - mode: '0600'
