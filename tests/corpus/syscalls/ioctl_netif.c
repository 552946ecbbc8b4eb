/* Network interface ioctls on a UDP socket: SIOCGIFCONF asked for the
 * size it needs (no buffer), then filled (the kernel says in ifc_len how
 * many bytes of struct ifreq it stored), and for the loopback interface
 * SIOCGIFINDEX, SIOCGIFNAME back from the index, SIOCGIFFLAGS,
 * SIOCGIFMTU and SIOCGIFADDR; an interface that does not exist is
 * ENODEV. Only the loopback's values are printed.
 * corpus: native=same */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *en(long r)
{
	return r < 0 ? strerrorname_np(errno) : "ok";
}

int main(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct ifconf ifc = { .ifc_len = 0, .ifc_buf = NULL };
	struct ifreq reqs[32];
	if (fd < 0)
		return 1;
	long r = ioctl(fd, SIOCGIFCONF, &ifc);
	printf("SIOCGIFCONF size: %s, some: %s\n", en(r),
	       ifc.ifc_len > 0 ? "yes" : "no");
	int need = ifc.ifc_len;
	ifc.ifc_len = sizeof reqs;
	ifc.ifc_req = reqs;
	r = ioctl(fd, SIOCGIFCONF, &ifc);
	printf("SIOCGIFCONF: %s, filled what it asked for: %s\n", en(r),
	       ifc.ifc_len == need ? "yes" : "no");
	int lo = -1;
	for (int i = 0; i < ifc.ifc_len / (int)sizeof reqs[0]; i++)
		if (strcmp(reqs[i].ifr_name, "lo") == 0)
			lo = i;
	if (lo >= 0) {
		struct sockaddr_in *a = (struct sockaddr_in *)&reqs[lo].ifr_addr;
		printf("lo in the list: %s\n", inet_ntoa(a->sin_addr));
	}
	struct ifreq q;
	memset(&q, 0, sizeof q);
	strcpy(q.ifr_name, "lo");
	r = ioctl(fd, SIOCGIFINDEX, &q);
	printf("SIOCGIFINDEX: %s %d\n", en(r), q.ifr_ifindex);
	int index = q.ifr_ifindex;
	memset(&q, 0, sizeof q);
	q.ifr_ifindex = index;
	r = ioctl(fd, SIOCGIFNAME, &q);
	printf("SIOCGIFNAME: %s %s\n", en(r), q.ifr_name);
	r = ioctl(fd, SIOCGIFFLAGS, &q);
	printf("SIOCGIFFLAGS: %s up %d loopback %d\n", en(r),
	       !!(q.ifr_flags & IFF_UP), !!(q.ifr_flags & IFF_LOOPBACK));
	r = ioctl(fd, SIOCGIFMTU, &q);
	printf("SIOCGIFMTU: %s %d\n", en(r), q.ifr_mtu);
	r = ioctl(fd, SIOCGIFADDR, &q);
	printf("SIOCGIFADDR: %s %s\n", en(r),
	       inet_ntoa(((struct sockaddr_in *)&q.ifr_addr)->sin_addr));
	strcpy(q.ifr_name, "nosuchif0");
	r = ioctl(fd, SIOCGIFFLAGS, &q);
	printf("unknown interface: %s\n", en(r));
	return 0;
}
