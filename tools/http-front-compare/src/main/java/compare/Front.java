package compare;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.undertow.Undertow;
import io.undertow.util.Headers;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The same trivial application on three embedded HTTP servers, each the way Bulwark uses its front: read the
 * whole request body into a byte array on a worker thread (the pipeline blocks on the store), copy every
 * header out, answer a fixed XML body. Usage: {@code Front jetty|undertow|netty PORT}.
 */
public final class Front
{
    private static final byte[] ANSWER = ("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
            + "<Arn>arn:aws:iam::123456789012:user/admin</Arn><UserId>AIDAEXAMPLEEXAMPLE01</UserId><Account>123456789012</Account>"
            + "</GetCallerIdentityResult><ResponseMetadata><RequestId>0b3b6f4e-2c66-4a39-9d8e-5c3a8d8e0b3b</RequestId></ResponseMetadata>"
            + "</GetCallerIdentityResponse>").getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception
    {
        int port = Integer.parseInt(args[1]);
        switch (args[0]) {
            case "jetty" -> jetty(port);
            case "undertow" -> undertow(port);
            case "netty" -> netty(port);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void jetty(int port) throws Exception
    {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract()
        {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response, Callback callback) throws Exception
            {
                byte[] body;
                try (InputStream in = Content.Source.asInputStream(request)) {
                    body = in.readAllBytes();
                }
                int headers = 0;
                for (var field : request.getHeaders()) {
                    headers += field.getName().length() + field.getValue().length();
                }
                response.setStatus(200);
                response.getHeaders().put("Content-Type", "text/xml");
                response.getHeaders().put("Content-Length", ANSWER.length);
                response.write(true, ByteBuffer.wrap(ANSWER), callback);
                return body.length + headers >= 0;
            }
        });
        server.start();
        server.join();
    }

    private static void undertow(int port)
    {
        Undertow server = Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setHandler(new io.undertow.server.handlers.BlockingHandler(exchange -> {
                    byte[] body = exchange.getInputStream().readAllBytes();
                    int headers = 0;
                    for (var values : exchange.getRequestHeaders()) {
                        headers += values.getHeaderName().length() + values.getFirst().length();
                    }
                    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/xml");
                    exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, ANSWER.length);
                    exchange.getOutputStream().write(ANSWER);
                    if (body.length + headers < 0) {
                        throw new IllegalStateException();
                    }
                }))
                .build();
        server.start();
    }

    private static void netty(int port) throws InterruptedException
    {
        NioEventLoopGroup boss = new NioEventLoopGroup(1);
        NioEventLoopGroup workers = new NioEventLoopGroup();
        java.util.concurrent.ExecutorService blocking = java.util.concurrent.Executors.newFixedThreadPool(64);
        new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>()
                {
                    @Override
                    protected void initChannel(SocketChannel channel)
                    {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpServerExpectContinueHandler(),
                                new HttpObjectAggregator(64 * 1024 * 1024), new SimpleChannelInboundHandler<FullHttpRequest>()
                                {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request)
                                    {
                                        byte[] body = new byte[request.content().readableBytes()];
                                        request.content().readBytes(body);
                                        int[] headers = {0};
                                        request.headers().forEach(entry -> headers[0] += entry.getKey().length() + entry.getValue().length());
                                        // The pipeline blocks on the store, so it must leave the event loop.
                                        blocking.execute(() -> {
                                            DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                                                    Unpooled.wrappedBuffer(ANSWER));
                                            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/xml");
                                            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, ANSWER.length + (body.length + headers[0] < 0 ? 1 : 0));
                                            context.writeAndFlush(response);
                                        });
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", port).sync().channel().closeFuture().sync();
    }
}
