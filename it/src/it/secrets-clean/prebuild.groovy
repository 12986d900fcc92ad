new File(basedir, '.gitignore').text = 'target/\nbuild.log\n'
new File(basedir, 'app.properties').text = 'db.password=${DB_PASSWORD}\napi.token=changeme\n'
evaluate(new File(basedir, '../../../src/it/git.groovy')).commitAll(basedir)
return true
