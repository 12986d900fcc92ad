// Shared by the HTTP ITs' prebuild scripts: starts demo/service/DemoService.java on loopback in the
// given mode with a fresh certificate (and, with a token, a health endpoint that requires it), and
// waits for its ports; the prebuild scripts then write its ports and readiness.yaml. The verify script stops it (its pid is in
// target/demo-service/pid) and reads readiness.json with results(), assertSecurityItems() and claim().
def startService(File basedir, String mode, int validityDays, String token = null) {
    def work = new File(basedir, 'target/demo-service')
    work.mkdirs()
    def run = { List cmd ->
        def p = cmd.execute(null, work)
        def err = new StringBuilder()
        p.consumeProcessErrorStream(err)
        p.waitFor()
        assert p.exitValue() == 0 : "${cmd[0]} failed: ${err}"
    }
    def javaHome = System.getProperty('java.home')
    run(["${javaHome}/bin/keytool", '-genkeypair', '-alias', 'demo', '-keyalg', 'EC', '-groupname', 'secp256r1',
         '-dname', 'CN=localhost', '-ext', 'SAN=dns:localhost,ip:127.0.0.1', '-validity', "${validityDays}",
         '-keystore', 'demo.p12', '-storetype', 'PKCS12', '-storepass', 'changeit'])
    run(["${javaHome}/bin/keytool", '-exportcert', '-rfc', '-alias', 'demo', '-keystore', 'demo.p12',
         '-storepass', 'changeit', '-file', 'demo-ca.pem'])
    def source = new File(basedir, '../../../../demo/service/DemoService.java').canonicalFile
    assert source.isFile() : "no ${source}"
    def command = ["${javaHome}/bin/java", source.path, mode, 'demo.p12', 'changeit', 'ports'] + (token ? [token] : [])
    def process = new ProcessBuilder(command.collect { it.toString() })
            .directory(work).redirectErrorStream(true).redirectOutput(new File(work, 'service.log')).start()
    new File(work, 'pid').text = "${process.pid()}"
    def portsFile = new File(work, 'ports')
    for (int i = 0; i < 240 && !portsFile.exists(); i++) {
        Thread.sleep(250)
    }
    assert portsFile.exists() : "the demo service did not start: ${new File(work, 'service.log').text}"
    return ports(basedir)
}

/** The ports the service listens on, as [https: N, http: N]. */
def ports(File basedir) {
    def props = new Properties()
    new File(basedir, 'target/demo-service/ports').withReader { props.load(it) }
    return [https: props.https as int, http: props.http as int]
}

/** Stops the service and reads what the gate left: [report: readiness.json, log: build.log's text, ports: the service's ports]. */
def results(File basedir) {
    stopService(basedir)
    return [report: new groovy.json.JsonSlurper().parse(new File(basedir, 'target/readiness/readiness.json')),
            log: new File(basedir, 'build.log').text, ports: ports(basedir)]
}

/**
 * Asserts the four security items, each bound to its one claim of securityHeaders, by claim name:
 * [securityHeaders: [item status, claim status], https: [...], xss: [...], csrf: [...]] (csrf only supports its item).
 */
def assertSecurityItems(report, Map expected) {
    def texts = [securityHeaders: 'Secure headers configured', https: 'HTTPS enforced', xss: 'XSS protection enabled',
                 csrf: 'CSRF protection enabled']
    texts.each { name, text ->
        def item = report.items.find { it.text == text }
        def id = name == 'securityHeaders' ? name : "securityHeaders.${name}".toString()
        def actual = [item?.status, item?.claims?.collect { "${it.id} ${it.strength} ${it.status}".toString() }]
        assert actual == [expected[name][0], ["${id} ${name == 'csrf' ? 'SUPPORTS' : 'SETTLES'} ${expected[name][1]}".toString()]] : text
    }
}

/** The verdict on one claim (securityHeaders.https) in readiness.json's checks. */
def claim(report, String id) {
    report.checks.find { it.id == id.tokenize('.')[0] }.claims.find { it.id == id }
}

/**
 * Writes the service's ports to test.properties, which the invoker passes to the build as -Dservice.https and
 * -Dservice.http (the POM's <target> reads the first: where credentials go comes from the POM only), and readiness.yaml
 * pointing securityHeaders, tls and health at the service. The timeout is generous: on a loaded machine the service's
 * first TLS handshake (a cold JVM) can take seconds.
 */
def writeConfig(File basedir, Map ports) {
    new File(basedir, 'test.properties').text = "service.https=${ports.https}\nservice.http=${ports.http}\n"
    new File(basedir, 'readiness.yaml').text = """\
http:
  timeout: 20s
checks:
  securityHeaders:
    httpUrl: http://localhost:${ports.http}/
  tls: {}
  health: {}
"""
}

def stopService(File basedir) {
    def pid = new File(basedir, 'target/demo-service/pid')
    if (pid.exists()) {
        ProcessHandle.of(pid.text.trim() as long).ifPresent { it.destroy() }
    }
}

return this
