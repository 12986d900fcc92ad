// Serves site/ on loopback (plain HTTP, as a developer's preview of the shop): a page linking a minified vendor script
// and the shop's own script as written. The server runs in this JVM while the build runs; verify.groovy stops it.
import com.sun.net.httpserver.HttpHandler
import com.sun.net.httpserver.HttpServer

def site = new File(basedir, 'site')
def types = [html: 'text/html; charset=utf-8', js: 'text/javascript']
def server = HttpServer.create(new InetSocketAddress(InetAddress.loopbackAddress, 0), 0)
server.createContext('/', { exchange ->
    def path = exchange.requestURI.path == '/' ? 'index.html' : exchange.requestURI.path.substring(1)
    def file = new File(site, path)
    if (path.contains('..') || !file.isFile()) {
        exchange.sendResponseHeaders(404, -1)
    } else {
        byte[] body = file.bytes
        exchange.responseHeaders.set('Content-Type', types[path.tokenize('.').last()])
        exchange.responseHeaders.set('Cache-Control', 'public, max-age=600')
        exchange.responseHeaders.set('Last-Modified', 'Tue, 01 Dec 2026 10:00:00 GMT')
        if (exchange.requestHeaders.getFirst('If-Modified-Since') == 'Tue, 01 Dec 2026 10:00:00 GMT') {
            exchange.sendResponseHeaders(304, -1)
        } else {
            exchange.sendResponseHeaders(200, body.length)
            exchange.responseBody.write(body)
        }
    }
    exchange.close()
} as HttpHandler)
server.start()
System.properties.put('readiness.it.edge-assets.server', server)
new File(basedir, 'test.properties').text = "edge.port=${server.address.port}\n"
return true
