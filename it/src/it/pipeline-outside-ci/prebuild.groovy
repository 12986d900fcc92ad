// The pipeline file is read at the root of the Git work tree: the project is a repository of its own.
new File(basedir, '.gitignore').text = 'target/\nbuild.log\n'
evaluate(new File(basedir, '../../../src/it/git.groovy')).commitAll(basedir)
return true
