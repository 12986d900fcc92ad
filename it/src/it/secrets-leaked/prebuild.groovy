// Writes the secrets at build time, so no secret is ever committed to this repository, and commits them in the
// project's own git repository.
def random = new Random()
def pick = { String alphabet, int n -> (1..n).collect { alphabet[random.nextInt(alphabet.length())] }.join() }
def awsKeyId = 'AKIA' + pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)
def githubToken = 'ghp' + '_' + pick('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 36)
new File(basedir, '.gitignore').text = 'target/\nbuild.log\nsecrets.txt\n'
new File(basedir, 'config').mkdirs()
new File(basedir, 'config/app.properties').text = "aws.region=eu-west-1\naws.accessKeyId=${awsKeyId}\n"
new File(basedir, 'deploy.sh').text = "#!/bin/sh\nexport GITHUB_TOKEN=${githubToken}\n"
new File(basedir, 'secrets.txt').text = "${awsKeyId}\n${githubToken}\n" // for verify.groovy; ignored by git
evaluate(new File(basedir, '../../../src/it/git.groovy')).commitAll(basedir)
return true
