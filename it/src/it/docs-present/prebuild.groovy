// The documents are the docs check's own test fixtures; the release history is made with git: the tag v1.0.0, then a
// commit that changes the code and the deployment notes together.
def fixtures = new File(basedir, '../../../../readiness-checks/src/test/resources/dev/readiness/checks/docs').canonicalFile
assert fixtures.isDirectory() : "no ${fixtures}"
def copy = { String from, String to ->
    def target = new File(basedir, to)
    target.parentFile.mkdirs()
    target.text = new File(fixtures, from).text
}
copy('runbooks/payment-timeouts.md', 'docs/runbooks/payment-timeouts.md')
copy('deploy.md', 'docs/deploy.md')
copy('architecture.md', 'docs/architecture.md')
copy('orders-openapi.yaml', 'src/main/resources/openapi.yaml')
new File(basedir, 'src/main/java/com/example').mkdirs()
new File(basedir, 'src/main/java/com/example/Orders.java').text = 'class Orders {}\n'
new File(basedir, '.gitignore').text = 'target/\nbuild.log\n'
def git = evaluate(new File(basedir, '../../../src/it/git.groovy'))
git.commitAll(basedir)
git.git(basedir, 'tag', 'v1.0.0')
new File(basedir, 'src/main/java/com/example/Orders.java').text = 'class Orders { void cancel() {} }\n'
new File(basedir, 'docs/deploy.md').append('\nCancelling an order needs no migration.\n')
new File(basedir, 'docs/architecture.md').append('\nA cancelled order emits CANCELLED on order-events.\n')
new File(basedir, 'src/main/resources/openapi.yaml').append('# cancelling is a status change, documented with the order\n')
git.git(basedir, 'commit', '-q', '-a', '-m', 'cancel orders')
return true
