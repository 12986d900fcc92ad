// Reserves two free loopback ports, for the service (server.port) and for spring-boot:start's JMX connection, and
// hands them to the build as -Dboot.port and -Dboot.jmxPort through test.properties.
def free = { ->
    new ServerSocket(0, 1, InetAddress.getLoopbackAddress()).withCloseable { it.localPort }
}
def port = free()
def jmxPort = free()
while (jmxPort == port) {
    jmxPort = free()
}
new File(basedir, 'test.properties').text = "boot.port=${port}\nboot.jmxPort=${jmxPort}\n"
return true
