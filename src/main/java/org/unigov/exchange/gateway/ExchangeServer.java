package org.unigov.exchange.gateway;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.unigov.exchange.internal.AccessLog;
import org.unigov.exchange.internal.ExchangeError;
import org.unigov.exchange.internal.ExchangeProperties;
import org.unigov.exchange.internal.ProviderAddresses;
import org.unigov.exchange.internal.SubjectHasher;
import org.unigov.shared.PlatformSettings;
import org.unigov.shared.problem.Problems;

/**
 * The exchange's own HTTP listener ({@code unigov.exchange.port}, 8081 by default), apart from the
 * web application's: event loops (one per core, io_uring or epoll where available) that receive a call, ask
 * the provider and answer on the same thread, as a reverse proxy does. docs/decisions.md 17 says
 * why it is not a Spring MVC controller. Calls on one connection are answered in order: the
 * connection reads the next request only after the previous answer is written.
 */
@Component
public class ExchangeServer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ExchangeServer.class);

	private final ExchangeGateway gateway;

	private final String host;

	private final int configuredPort;

	private final int threads;

	private final int maxRequestBytes;

	private final Problems problems;

	private final ProviderPool providers;

	private volatile int port = -1;

	private EventLoopGroup group;

	private final Transport transport;

	/** How the event loops talk to the kernel ({@code unigov.exchange.transport}). */
	enum Transport {

		IO_URING(IoUringServerSocketChannel.class, IoUringSocketChannel.class),
		EPOLL(EpollServerSocketChannel.class, EpollSocketChannel.class),
		NIO(NioServerSocketChannel.class, NioSocketChannel.class);

		final Class<? extends ServerChannel> server;

		final Class<? extends Channel> client;

		Transport(Class<? extends ServerChannel> server, Class<? extends Channel> client) {
			this.server = server;
			this.client = client;
		}

		boolean available() {
			return switch (this) {
				case IO_URING -> IoUring.isAvailable();
				case EPOLL -> Epoll.isAvailable();
				case NIO -> true;
			};
		}

		IoHandlerFactory handlers() {
			return switch (this) {
				case IO_URING -> IoUringIoHandler.newFactory();
				case EPOLL -> EpollIoHandler.newFactory();
				case NIO -> NioIoHandler.newFactory();
			};
		}

		/**
		 * The configured transport, or the best one this machine has: io_uring (measured ~10 % less
		 * CPU per call than epoll here, fewer system calls; docs/benchmarks.md), then epoll, then NIO.
		 */
		static Transport choose(String configured) {
			String name = configured.trim().toUpperCase(Locale.ROOT).replace('-', '_');
			if (!name.equals("AUTO")) {
				Transport wanted;
				try {
					wanted = Transport.valueOf(name);
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException("unigov.exchange.transport must be auto, io_uring, epoll or nio, not "
							+ configured, ex);
				}
				if (wanted.available()) {
					return wanted;
				}
				log.warn("Exchange transport {} is not available here; choosing another", wanted);
			}
			return IO_URING.available() ? IO_URING : EPOLL.available() ? EPOLL : NIO;
		}

	}

	private Channel server;

	private final ProviderAddresses addresses;

	private final Class<? extends ServerChannel> serverType;

	ExchangeServer(Callers callers, Routes routes, GrantIndex grants, AccessLog accessLog, SubjectHasher subjects,
			ExchangeMetrics metrics, Problems problems, ProviderAddresses addresses, ExchangeProperties properties,
			OpenIndex open, PlatformSettings platform, Clock clock) {
		String host = properties.host();
		int port = properties.port();
		int threads = properties.threads();
		DataSize maxRequest = properties.maxRequestSize();
		DataSize maxResponse = properties.maxResponseSize();
		String transport = properties.transport();
		this.transport = Transport.choose(transport);
		this.serverType = this.transport.server;
		this.providers = new ProviderPool(this.transport.client, (int) maxResponse.toBytes(), addresses);
		this.addresses = addresses;
		this.problems = problems;
		this.maxRequestBytes = (int) maxRequest.toBytes();
		this.gateway = new ExchangeGateway(callers, routes, grants, this.providers, accessLog, subjects, metrics,
				problems, this.maxRequestBytes, new OpenCalls(open, routes, subjects, platform.trustedProxies(), clock), clock);
		this.host = host;
		this.configuredPort = port;
		this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
	}

	/** The port the exchange listens on (the configured one, or the one chosen for port 0). */
	public int port() {
		return this.port;
	}

	@Override
	public void start() {
		this.group = new MultiThreadIoEventLoopGroup(this.threads, this.transport.handlers());
		CallHandler handler = new CallHandler();
		try {
			this.server = new ServerBootstrap().group(this.group)
				.channel(this.serverType)
				.option(ChannelOption.SO_BACKLOG, 4096)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childHandler(new ChannelInitializer<Channel>() {
					@Override
					protected void initChannel(Channel ch) {
						ch.pipeline()
							// a connection that sends nothing for two minutes is closed (half-sent requests too)
							.addLast(new ReadTimeoutHandler(120))
							.addLast(new HttpServerCodec(4096, 16384, 65536))
							.addLast(new Aggregator(ExchangeServer.this.maxRequestBytes))
							.addLast(handler);
					}
				})
				.bind(new InetSocketAddress(this.host, this.configuredPort))
				.sync()
				.channel();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while opening the exchange port", ex);
		}
		this.port = ((InetSocketAddress) this.server.localAddress()).getPort();
		this.addresses.ownPort(this.port);
		log.info("Exchange gateway listening on port {} ({} event loops, {})", this.port, this.threads,
				this.transport.name().toLowerCase(Locale.ROOT));
	}

	@Override
	public void stop() {
		if (this.server != null) {
			this.server.close().syncUninterruptibly();
		}
		if (this.group != null) {
			this.group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
		}
		this.server = null;
		this.group = null;
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	/** Starts after the access log (which it needs) and stops before it, so calls in flight are logged. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 3072;
	}

	/** Oversized requests get a problem, not a bare 413. */
	private final class Aggregator extends HttpObjectAggregator {

		Aggregator(int max) {
			super(max);
		}

		@Override
		protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
			byte[] body = ExchangeServer.this.problems.json(ExchangeError.REQUEST_TOO_LARGE,
					"The request exceeds " + ExchangeServer.this.maxRequestBytes + " bytes.", "/exchange/v1/",
					Locale.SIMPLIFIED_CHINESE);
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
					HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
			response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
			response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
			if (HttpUtil.isKeepAlive(oversized)) {
				// the rest of the body is read and discarded, so the client reads the answer rather
				// than a reset connection, and the connection stays usable
				ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
			}
			else {
				response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
				ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
			}
		}
	}

	private static final byte[] INTERNAL_ERROR = ("{\"type\":\"" + Problems.TYPE_BASE
			+ "internal-error\",\"title\":\"Internal error\",\"status\":500,\"code\":\"internal_error\"}")
		.getBytes(StandardCharsets.UTF_8);

	private static final AttributeKey<Boolean> BUSY = AttributeKey.valueOf("unigov.busy");

	private static final AttributeKey<ArrayDeque<FullHttpRequest>> WAITING = AttributeKey
		.valueOf("unigov.waiting");

	/** Pipelined calls read ahead on one connection before reading pauses; beyond the second bound it is closed. */
	private static final int PAUSE_READING = 8;

	private static final int MAX_WAITING = 32;

	@ChannelHandler.Sharable
	private final class CallHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
			// one call at a time per connection: a pipelined request waits until the answer before
			// it is written, so answers go out in the order the calls came in
			ArrayDeque<FullHttpRequest> waiting = ctx.channel().attr(WAITING).get();
			if (waiting == null) {
				waiting = new ArrayDeque<>();
				ctx.channel().attr(WAITING).set(waiting);
			}
			if (Boolean.TRUE.equals(ctx.channel().attr(BUSY).get())) {
				if (waiting.size() >= MAX_WAITING) {
					ctx.close();
					return;
				}
				waiting.add(request.retain());
				if (waiting.size() >= PAUSE_READING) {
					// a client pipelining many calls is read no further until they are answered
					ctx.channel().config().setAutoRead(false);
				}
				return;
			}
			handle(ctx, request);
		}

		private void next(ChannelHandlerContext ctx) {
			ctx.channel().attr(BUSY).set(false);
			ArrayDeque<FullHttpRequest> waiting = ctx.channel().attr(WAITING).get();
			FullHttpRequest queued = waiting == null ? null : waiting.poll();
			if (queued != null) {
				try {
					handle(ctx, queued);
				}
				finally {
					queued.release();
				}
			}
			else if (!ctx.channel().config().isAutoRead()) {
				ctx.channel().config().setAutoRead(true);
			}
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) throws Exception {
			ArrayDeque<FullHttpRequest> waiting = ctx.channel().attr(WAITING).getAndSet(null);
			if (waiting != null) {
				waiting.forEach(FullHttpRequest::release);
			}
			super.channelInactive(ctx);
		}

		private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
			boolean keepAlive = HttpUtil.isKeepAlive(request);
			if (!request.decoderResult().isSuccess()) {
				byte[] body = ExchangeServer.this.problems.json(ExchangeError.BAD_HEADER,
						"The request is not well-formed HTTP/1.1.", "/exchange/v1/", Locale.SIMPLIFIED_CHINESE);
				write(ctx, new ExchangeGateway.Reply(400, "application/problem+json", body, new HashMap<>()),
						false);
				return;
			}
			ctx.channel().attr(BUSY).set(true);
			ExchangeServer.this.gateway.handle(request, ctx.channel().eventLoop(),
					ctx.channel().remoteAddress() instanceof InetSocketAddress peer ? peer : null).whenComplete((reply, error) -> {
				if (error != null) {
					// a defect, not a refusal: answer what api.md promises for those, then close
					log.error("Exchange call failed", error);
					write(ctx, new ExchangeGateway.Reply(500, "application/problem+json", INTERNAL_ERROR,
							new HashMap<>()), false);
					return;
				}
				write(ctx, reply, keepAlive);
			});
		}

		private void write(ChannelHandlerContext ctx, ExchangeGateway.Reply reply, boolean keepAlive) {
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
					HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
			response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
			response.headers().set(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
			response.headers().set("X-Content-Type-Options", "nosniff");
			reply.headers().forEach((name, value) -> response.headers().set(name, value));
			if (!keepAlive) {
				response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
				ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
				return;
			}
			ctx.writeAndFlush(response).addListener((ChannelFutureListener) written -> {
				if (written.isSuccess()) {
					next(ctx);
				}
				else {
					ctx.close();
				}
			});
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			log.debug("Exchange connection closed: {}", cause.toString());
			ctx.close();
		}
	}
}
