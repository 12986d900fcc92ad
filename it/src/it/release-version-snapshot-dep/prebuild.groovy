// A repository with two earlier releases tagged, as the release plugin tags them, and the 1.1.0 work on top.
def git = evaluate(new File(basedir, '../../../src/it/git.groovy'))
new File(basedir, '.gitignore').text = 'target/\nbuild.log\n'
git.git(basedir, 'init', '-q')
git.commitAndTag(basedir, 'release 0.9.0', 'v0.9.0')
git.commitAndTag(basedir, 'release 1.0.0', 'v1.0.0')
git.git(basedir, 'commit', '-q', '--allow-empty', '-m', 'towards 1.1.0')
return true
