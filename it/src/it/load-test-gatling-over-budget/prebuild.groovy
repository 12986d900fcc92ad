// As load-test-gatling: the demo service on loopback, its HTTPS port to the build as -Dservice.https.
return evaluate(new File(basedir, '../../../src/it/load-test-gatling/prebuild.groovy'))
