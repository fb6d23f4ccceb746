"""Vectorised NumPy ports of host-glibc 2.36 scalar libm functions, as TensorFlow's Eigen
kernels call them for the "tail" (non-packet) elements.

Sources (glibc tag ``glibc-2.36``, commit c804cd1c00adde061ca51711f63068c103e94eef):

* ``sysdeps/ieee754/flt-32/e_expf.c``, ``e_exp2f_data.c``  -> :func:`expf`
* ``sysdeps/ieee754/flt-32/e_logf.c``, ``e_logf_data.c``   -> :func:`logf`
* ``sysdeps/ieee754/flt-32/s_log1pf.c``                     -> :func:`log1pf`
* ``sysdeps/ieee754/dbl-64/e_exp.c``, ``e_exp_data.c``     -> :func:`exp`
* ``sysdeps/ieee754/dbl-64/e_log.c``, ``e_log_data.c``     -> :func:`log`
* ``sysdeps/ieee754/dbl-64/s_log1p.c``                      -> :func:`log1p`
* ``sysdeps/ieee754/flt-32/e_powf.c``, ``e_powf_log2_data.c``, ``e_exp2f_data.c``,
  ``math_errf.c``                                            -> :func:`powf`
* ``sysdeps/ieee754/dbl-64/e_pow.c``, ``e_pow_log_data.c``, ``e_exp_data.c``,
  ``math_err.c``, ``math/w_pow_compat.c``, ``k_standard.c``  -> :func:`pow`
* ``sysdeps/x86_64/fpu/multiarch/e_{exp,log,pow,expf,logf,powf}{,-fma}.c`` and ``Makefile``: on a
  CPU with FMA and AVX2 the ifunc selects the ``-mfma -mavx2`` build, where the compiler
  (default ``-ffp-contract=fast``) contracts ``a*b + c`` into one fused multiply-add. The contractions
  emulated below are the ones the compiler emits for these files (read from the generated
  code of the distribution build's compiler).
  Upstream 2.36 has no FMA build of ``log1pf``/``log1p``. Debian's 2.36 package backports
  the glibc 2.40 change "x86_64: Add log1p with FMA" (double only), so ``log1p(fma=True)``
  follows that build; ``log1pf`` ignores ``fma``.
* ``math/w_{exp,log,expf,logf}_compat.c``: the ``GLIBC_2.2.5`` compat symbols (linked by
  TF 1.15). They only differ in value from the default symbols for ``logf``/``log`` under
  DAZ: ``x <= 0`` is tested first, a subnormal compares equal to 0, result ``-inf``.
  ``log1pf``/``log1p`` have a single symbol version.

Tables (``_EXP_TAB``, ``_LOG_TAB``, ``_LOG_TAB2`` and the small constant tables) are
transcribed bit for bit from the ``*_data.c`` files above.

Every contracted ``fma`` is emulated exactly in float64 (Dekker product plus the
round-to-odd sum of Boldo and Melquiond), so the results do not depend on the host libm.

``ftz_daz=True`` emulates MXCSR FTZ|DAZ: subnormal operands of SSE arithmetic read as 0 and
subnormal arithmetic results become 0. Bit manipulations (integer ops, plain returns of the
argument) are not affected: ``log1pf``/``log1p`` of a subnormal return it unchanged.
"""
import numpy as np

__all__ = ["expf", "logf", "log1pf", "exp", "log", "log1p", "powf", "pow"]

_F32_VARIANTS = ("2.27", "2.2.5")
_F64_VARIANTS = ("2.29", "2.2.5")
# e_exp_data.c ``tab`` (N = 128): pairs asuint64(T[k]), asuint64(H[k]) - (k << 45).
_EXP_TAB = """
0000000000000000 3ff0000000000000 3c9b3b4f1a88bf6e 3feff63da9fb3335
bc7160139cd8dc5d 3fefec9a3e778061 bc905e7a108766d1 3fefe315e86e7f85
3c8cd2523567f613 3fefd9b0d3158574 bc8bce8023f98efa 3fefd06b29ddf6de
3c60f74e61e6c861 3fefc74518759bc8 3c90a3e45b33d399 3fefbe3ecac6f383
3c979aa65d837b6d 3fefb5586cf9890f 3c8eb51a92fdeffc 3fefac922b7247f7
3c3ebe3d702f9cd1 3fefa3ec32d3d1a2 bc6a033489906e0b 3fef9b66affed31b
bc9556522a2fbd0e 3fef9301d0125b51 bc5080ef8c4eea55 3fef8abdc06c31cc
bc91c923b9d5f416 3fef829aaea92de0 3c80d3e3e95c55af 3fef7a98c8a58e51
bc801b15eaa59348 3fef72b83c7d517b bc8f1ff055de323d 3fef6af9388c8dea
3c8b898c3f1353bf 3fef635beb6fcb75 bc96d99c7611eb26 3fef5be084045cd4
3c9aecf73e3a2f60 3fef54873168b9aa bc8fe782cb86389d 3fef4d5022fcd91d
3c8a6f4144a6c38d 3fef463b88628cd6 3c807a05b0e4047d 3fef3f49917ddc96
3c968efde3a8a894 3fef387a6e756238 3c875e18f274487d 3fef31ce4fb2a63f
3c80472b981fe7f2 3fef2b4565e27cdd bc96b87b3f71085e 3fef24dfe1f56381
3c82f7e16d09ab31 3fef1e9df51fdee1 bc3d219b1a6fbffa 3fef187fd0dad990
3c8b3782720c0ab4 3fef1285a6e4030b 3c6e149289cecb8f 3fef0cafa93e2f56
3c834d754db0abb6 3fef06fe0a31b715 3c864201e2ac744c 3fef0170fc4cd831
3c8fdd395dd3f84a 3feefc08b26416ff bc86a3803b8e5b04 3feef6c55f929ff1
bc924aedcc4b5068 3feef1a7373aa9cb bc9907f81b512d8e 3feeecae6d05d866
bc71d1e83e9436d2 3feee7db34e59ff7 bc991919b3ce1b15 3feee32dc313a8e5
3c859f48a72a4c6d 3feedea64c123422 bc9312607a28698a 3feeda4504ac801c
bc58a78f4817895b 3feed60a21f72e2a bc7c2c9b67499a1b 3feed1f5d950a897
3c4363ed60c2ac11 3feece086061892d 3c9666093b0664ef 3feeca41ed1d0057
3c6ecce1daa10379 3feec6a2b5c13cd0 3c93ff8e3f0f1230 3feec32af0d7d3de
3c7690cebb7aafb0 3feebfdad5362a27 3c931dbdeb54e077 3feebcb299fddd0d
bc8f94340071a38e 3feeb9b2769d2ca7 bc87deccdc93a349 3feeb6daa2cf6642
bc78dec6bd0f385f 3feeb42b569d4f82 bc861246ec7b5cf6 3feeb1a4ca5d920f
3c93350518fdd78e 3feeaf4736b527da 3c7b98b72f8a9b05 3feead12d497c7fd
3c9063e1e21c5409 3feeab07dd485429 3c34c7855019c6ea 3feea9268a5946b7
3c9432e62b64c035 3feea76f15ad2148 bc8ce44a6199769f 3feea5e1b976dc09
bc8c33c53bef4da8 3feea47eb03a5585 bc845378892be9ae 3feea34634ccc320
bc93cedd78565858 3feea23882552225 3c5710aa807e1964 3feea155d44ca973
bc93b3efbf5e2228 3feea09e667f3bcd bc6a12ad8734b982 3feea012750bdabf
bc6367efb86da9ee 3fee9fb23c651a2f bc80dc3d54e08851 3fee9f7df9519484
bc781f647e5a3ecf 3fee9f75e8ec5f74 bc86ee4ac08b7db0 3fee9f9a48a58174
bc8619321e55e68a 3fee9feb564267c9 3c909ccb5e09d4d3 3feea0694fde5d3f
bc7b32dcb94da51d 3feea11473eb0187 3c94ecfd5467c06b 3feea1ed0130c132
3c65ebe1abd66c55 3feea2f336cf4e62 bc88a1c52fb3cf42 3feea427543e1a12
bc9369b6f13b3734 3feea589994cce13 bc805e843a19ff1e 3feea71a4623c7ad
bc94d450d872576e 3feea8d99b4492ed 3c90ad675b0e8a00 3feeaac7d98a6699
3c8db72fc1f0eab4 3feeace5422aa0db bc65b6609cc5e7ff 3feeaf3216b5448c
3c7bf68359f35f44 3feeb1ae99157736 bc93091fa71e3d83 3feeb45b0b91ffc6
bc5da9b88b6c1e29 3feeb737b0cdc5e5 bc6c23f97c90b959 3feeba44cbc8520f
bc92434322f4f9aa 3feebd829fde4e50 bc85ca6cd7668e4b 3feec0f170ca07ba
3c71affc2b91ce27 3feec49182a3f090 3c6dd235e10a73bb 3feec86319e32323
bc87c50422622263 3feecc667b5de565 3c8b1c86e3e231d5 3feed09bec4a2d33
bc91bbd1d3bcbb15 3feed503b23e255d 3c90cc319cee31d2 3feed99e1330b358
3c8469846e735ab3 3feede6b5579fdbf bc82dfcd978e9db4 3feee36bbfd3f37a
3c8c1a7792cb3387 3feee89f995ad3ad bc907b8f4ad1d9fa 3feeee07298db666
bc55c3d956dcaeba 3feef3a2b84f15fb bc90a40e3da6f640 3feef9728de5593a
bc68d6f438ad9334 3feeff76f2fb5e47 bc91eee26b588a35 3fef05b030a1064a
3c74ffd70a5fddcd 3fef0c1e904bc1d2 bc91bdfbfa9298ac 3fef12c25bd71e09
3c736eae30af0cb3 3fef199bdd85529c 3c8ee3325c9ffd94 3fef20ab5fffd07a
3c84e08fd10959ac 3fef27f12e57d14b 3c63cdaf384e1a67 3fef2f6d9406e7b5
3c676b2c6c921968 3fef3720dcef9069 bc808a1883ccb5d2 3fef3f0b555dc3fa
bc8fad5d3ffffa6f 3fef472d4a07897c bc900dae3875a949 3fef4f87080d89f2
3c74a385a63d07a7 3fef5818dcfba487 bc82919e2040220f 3fef60e316c98398
3c8e5a50d5c192ac 3fef69e603db3285 3c843a59ac016b4b 3fef7321f301b460
bc82d52107b43e1f 3fef7c97337b9b5f bc892ab93b470dc9 3fef864614f5a129
3c74b604603a88d3 3fef902ee78b3ff6 3c83c5ec519d7271 3fef9a51fbc74c83
bc8ff7128fd391f0 3fefa4afa2a490da bc8dae98e223747d 3fefaf482d8e67f1
3c8ec3bc41aa2008 3fefba1bee615a27 3c842b94c3a9eb32 3fefc52b376bba97
3c8a64a931d185ee 3fefd0765b6e4540 bc8e37bae43be3ed 3fefdbfdad9cbe14
3c77893b4d91cd9d 3fefe7c1819e90d8 3c5305c14160cc89 3feff3c22b8f71f1
"""

# e_log_data.c ``tab`` (N = 128): pairs invc, logc (float64 bit patterns).
_LOG_TAB = """
3ff734f0c3e0de9f bfd7cc7f79e69000 3ff713786a2ce91f bfd76feec20d0000
3ff6f26008fab5a0 bfd713e31351e000 3ff6d1a61f138c7d bfd6b85b38287800
3ff6b1490bc5b4d1 bfd65d5590807800 3ff69147332f0cba bfd602d076180000
3ff6719f18224223 bfd5a8ca86909000 3ff6524f99a51ed9 bfd54f4356035000
3ff63356aa8f24c4 bfd4f637c36b4000 3ff614b36b9ddc14 bfd49da7fda85000
3ff5f66452c65c4c bfd445923989a800 3ff5d867b5912c4f bfd3edf439b0b800
3ff5babccb5b90de bfd396ce448f7000 3ff59d61f2d91a78 bfd3401e17bda000
3ff5805612465687 bfd2e9e2ef468000 3ff56397cee76bd3 bfd2941b3830e000
3ff54725e2a77f93 bfd23ec58cda8800 3ff52aff42064583 bfd1e9e129279000
3ff50f22dbb2bddf bfd1956d2b48f800 3ff4f38f4734ded7 bfd141679ab9f800
3ff4d843cfde2840 bfd0edd094ef9800 3ff4bd3ec078a3c8 bfd09aa518db1000
3ff4a27fc3e0258a bfd047e65263b800 3ff4880524d48434 bfcfeb224586f000
3ff46dce1b192d0b bfcf474a7517b000 3ff453d9d3391854 bfcea4443d103000
3ff43a2744b4845a bfce020d44e9b000 3ff420b54115f8fb bfcd60a22977f000
3ff40782da3ef4b1 bfccc00104959000 3ff3ee8f5d57fe8f bfcc202956891000
3ff3d5d9a00b4ce9 bfcb81178d811000 3ff3bd60c010c12b bfcae2c9ccd3d000
3ff3a5242b75dab8 bfca45402e129000 3ff38d22cd9fd002 bfc9a877681df000
3ff3755bc5847a1c bfc90c6d69483000 3ff35dce49ad36e2 bfc87120a645c000
3ff34679984dd440 bfc7d68fb4143000 3ff32f5cceffcb24 bfc73cb83c627000
3ff3187775a10d49 bfc6a39a9b376000 3ff301c8373e3990 bfc60b3154b7a000
3ff2eb4ebb95f841 bfc5737d76243000 3ff2d50a0219a9d1 bfc4dc7b8fc23000
3ff2bef9a8b7fd2a bfc4462c51d20000 3ff2a91c7a0c1bab bfc3b08abc830000
3ff293726014b530 bfc31b996b490000 3ff27dfa5757a1f5 bfc2875490a44000
3ff268b39b1d3bbf bfc1f3b9f879a000 3ff2539d838ff5bd bfc160c8252ca000
3ff23eb7aac9083b bfc0ce7f57f72000 3ff22a012ba940b6 bfc03cdc49fea000
3ff2157996cc4132 bfbf57bdbc4b8000 3ff201201dd2fc9b bfbe370896404000
3ff1ecf4494d480b bfbd17983ef94000 3ff1d8f5528f6569 bfbbf9674ed8a000
3ff1c52311577e7c bfbadc79202f6000 3ff1b17c74cb26e9 bfb9c0c3e7288000
3ff19e010c2c1ab6 bfb8a646b372c000 3ff18ab07bb670bd bfb78d01b3ac0000
3ff1778a25efbcb6 bfb674f145380000 3ff1648d354c31da bfb55e0e6d878000
3ff151b990275fdd bfb4485cdea1e000 3ff13f0ea432d24c bfb333d94d6aa000
3ff12c8b7210f9da bfb22079f8c56000 3ff11a3028ecb531 bfb10e4698622000
3ff107fbda8434af bfaffa6c6ad20000 3ff0f5ee0f4e6bb3 bfadda8d4a774000
3ff0e4065d2a9fce bfabbcece4850000 3ff0d244632ca521 bfa9a1894012c000
3ff0c0a77ce2981a bfa788583302c000 3ff0af2f83c636d1 bfa5715e67d68000
3ff09ddb98a01339 bfa35c8a49658000 3ff08cabaf52e7df bfa149e364154000
3ff07b9f2f4e28fb bf9e72c082eb8000 3ff06ab58c358f19 bf9a55f152528000
3ff059eea5ecf92c bf963d62cf818000 3ff04949cdd12c90 bf9228fb8caa0000
3ff038c6c6f0ada9 bf8c317b20f90000 3ff02865137932a9 bf8419355daa0000
3ff0182427ea7348 bf781203c2ec0000 3ff008040614b195 bf60040979240000
3fefe01ff726fa1a 3f6feff384900000 3fefa11cc261ea74 3f87dc41353d0000
3fef6310b081992e 3f93cea3c4c28000 3fef25f63ceeadcd 3f9b9fc114890000
3feee9c8039113e7 3fa1b0d8ce110000 3feeae8078cbb1ab 3fa58a5bd001c000
3fee741aa29d0c9b 3fa95c8340d88000 3fee3a91830a99b5 3fad276aef578000
3fee01e009609a56 3fb07598e598c000 3fedca01e577bb98 3fb253f5e30d2000
3fed92f20b7c9103 3fb42edd8b380000 3fed5cac66fb5cce 3fb606598757c000
3fed272caa5ede9d 3fb7da76356a0000 3fecf26e3e6b2ccd 3fb9ab434e1c6000
3fecbe6da2a77902 3fbb78c7bb0d6000 3fec8b266d37086d 3fbd431332e72000
3fec5894bd5d5804 3fbf0a3171de6000 3fec26b533bb9f8c 3fc067152b914000
3febf583eeece73f 3fc147858292b000 3febc4fd75db96c1 3fc2266ecdca3000
3feb951e0c864a28 3fc303d7a6c55000 3feb65e2c5ef3e2c 3fc3dfc33c331000
3feb374867c9888b 3fc4ba366b7a8000 3feb094b211d304a 3fc5933928d1f000
3feadbe885f2ef7e 3fc66acd2418f000 3feaaf1d31603da2 3fc740f8ec669000
3fea82e63fd358a7 3fc815c0f51af000 3fea5740ef09738b 3fc8e92954f68000
3fea2c2a90ab4b27 3fc9bb3602f84000 3fea01a01393f2d1 3fca8bed1c2c0000
3fe9d79f24db3c1b 3fcb5b515c01d000 3fe9ae2505c7b190 3fcc2967ccbcc000
3fe9852ef297ce2f 3fccf635d5486000 3fe95cbaeea44b75 3fcdc1bd3446c000
3fe934c69de74838 3fce8c01b8cfe000 3fe90d4f2f6752e6 3fcf5509c0179000
3fe8e6528effd79d 3fd00e6c121fb800 3fe8bfce9fcc007c 3fd071b80e93d000
3fe899c0dabec30e 3fd0d46b9e867000 3fe87427aa2317fb 3fd13687334bd000
3fe84f00acb39a08 3fd1980d67234800 3fe82a49e8653e55 3fd1f8ffe0cc8000
3fe8060195f40260 3fd2595fd7636800 3fe7e22563e0a329 3fd2b9300914a800
3fe7beb377dcb5ad 3fd3187210436000 3fe79baa679725c2 3fd377266dec1800
3fe77907f2170657 3fd3d54ffbaf3000 3fe756cadbd6130c 3fd432eee32fe000
"""

# e_log_data.c ``tab2`` (used without FMA): pairs chi, clo.
_LOG_TAB2 = """
3fe61000014fb66b 3c7e026c91425b3c 3fe63000034db495 3c8dbfea48005d41
3fe650000d94d478 3c8e7fa786d6a5b7 3fe67000074e6fad 3c61fcea6b54254c
3fe68ffffedf0fae bc7c7e274c590efd 3fe6b0000763c5bc bc8ac16848dcda01
3fe6d0001e5cc1f6 3c833f1c9d499311 3fe6efffeb05f63e bc7e80041ae22d53
3fe710000e869780 3c7bff6671097952 3fe72ffffc67e912 3c8c00e226bd8724
3fe74fffdf81116a bc6e02916ef101d2 3fe770000f679c90 bc67fc71cd549c74
3fe78ffffa7ec835 3c81bec19ef50483 3fe7affffe20c2e6 bc707e1729cc6465
3fe7cfffed3fc900 bc808072087b8b1c 3fe7efffe9261a76 3c8dc0286d9df9ae
3fe81000049ca3e8 3c897fd251e54c33 3fe8300017932c8f bc8afee9b630f381
3fe850000633739c 3c89bfbf6b6535bc 3fe87000204289c6 bc8bbf65f3117b75
3fe88fffebf57904 bc89006ea23dcb57 3fe8b00022bc04df bc7d00df38e04b0a
3fe8cfffe50c1b8a bc88007146ff9f05 3fe8effffc918e43 3c83817bd07a7038
3fe910001efa5fc7 3c893e9176dfb403 3fe9300013467bb9 3c7f804e4b980276
3fe94fffe6ee076f bc8f7ef0d9ff622e 3fe96fffde3c12d1 bc7082aa962638ba
3fe98ffff4458a0d bc87801b9164a8ef 3fe9afffdd982e3e bc8740e08a5a9337
3fe9cfffed49fb66 3c3fce08c19be000 3fe9f00020f19c51 bc8a3faa27885b0a
3fea10001145b006 3c74ff489958da56 3fea300007bbf6fa 3c8cbeab8a2b6d18
3fea500010971d79 3c88fecadd787930 3fea70001df52e48 bc8f41763dd8abdb
3fea90001c593352 bc8ebf0284c27612 3feab0002a4f3e4b bc69fd043cff3f5f
3feacfffd7ae1ed1 bc823ee7129070b4 3feaefffee510478 3c6a063ee00edea3
3feb0fffdb650d5b 3c5a06c8381f0ab9 3feb2ffffeaaca57 bc79011e74233c1d
3feb4fffd995badc bc79ff1068862a9f 3feb7000249e659c 3c8aff45d0864f3e
3feb8ffff9871640 3c7cfe7796c2c3f9 3febafffd204cb4f bc63ff27eef22bc4
3febcfffd2415c45 bc6cffb7ee3bea21 3febeffff86309df bc814103972e0b5c
3fec0fffe1b57653 3c8bc16494b76a19 3fec2ffff1fa57e3 bc64feef8d30c6ed
3fec4fffdcbfe424 bc843f68bcec4775 3fec6fffed54b9f7 3c847ea3f053e0ec
3fec8fffeb998fd5 3c7383068df992f1 3fecb0002125219a bc68fd8e64180e04
3feccfffdd94469c 3c8e7ebe1cc7ea72 3fecefffeafdc476 3c8ebe39ad9f88fe
3fed1000169af82b 3c757d91a8b95a71 3fed30000d0ff71d 3c89c1906970c7da
3fed4fffea790fc4 bc580e37c558fe0c 3fed70002edc87e5 bc7f80d64dc10f44
3fed900021dc82aa bc747c8f94fd5c5c 3fedafffd86b0283 3c8c7f1dc521617e
3fedd000296c4739 3c88019eb2ffb153 3fedefffe54490f5 3c6e00d2c652cc89
3fee0fffcdabf694 bc7f8340202d69d2 3fee2fffdb52c8dd 3c7b00c1ca1b0864
3fee4ffff24216ef 3c72ffa8b094ab51 3fee6fffe88a5e11 bc57f673b1efbe59
3fee9000119eff0d bc84808d5e0bc801 3feeafffdfa51744 3c780006d54320b5
3feed0001a127fa1 bc5002f860565c92 3feef00007babcc4 bc8540445d35e611
3fef0ffff57a8d02 bc4ffb3139ef9105 3fef30001ee58ac7 3c8a81acf2731155
3fef4ffff5823494 3c8a3f41d4d7c743 3fef6ffffca94c6b bc6202f41c987875
3fef8fffe1f9c441 3c777dd1f477e74b 3fefafffd2e0e37e bc6f01199a7ca331
3fefd0001c77e49e 3c7181ee4bceacb1 3fefeffff7e0c331 bc6e05370170875a
3ff00ffff465606e bc8a7ead491c0ada 3ff02ffff3867a58 bc977f69c3fcb2e0
3ff04ffffdfc0d17 3c97bffe34cb945b 3ff0700003cd4d82 3c820083c0e456cb
3ff08ffff9f2cbe8 bc6dffdfbe37751a 3ff0b000010cda65 bc913f7faee626eb
3ff0d00001a4d338 3c807dfa79489ff7 3ff0effffadafdfd bc77040570d66bc0
3ff110000bbafd96 3c8e80d4846d0b62 3ff12ffffae5f45d 3c9dbffa64fd36ef
3ff150000dd59ad9 3c9a0077701250ae 3ff170000f21559a 3c8dfdf9e2e3deee
3ff18ffffc275426 3c910030dc3b7273 3ff1b000123d3c59 3c997f7980030188
3ff1cffff8299eb7 bc65f932ab9f8c67 3ff1effff48ad400 3c937fbf9da75beb
3ff210000c8b86a4 3c9f806b91fd5b22 3ff2300003854303 3c93ffc2eb9fbf33
3ff24fffffbcf684 3c7601e77e2e2e72 3ff26ffff52921d9 3c7ffcbb767f0c61
3ff2900014933a3c bc7202ca3c02412b 3ff2b00014556313 bc92808233f21f02
3ff2cfffebfe523b bc88ff7e384fdcf2 3ff2f0000bb8ad96 bc85ff51503041c5
3ff30ffffb7ae2af bc810071885e289d 3ff32ffffeac5f7f bc91ff5d3fb7b715
3ff350000ca66756 3c957f82228b82bd 3ff3700011fbf721 3c8000bac40dd5cc
3ff38ffff9592fb9 bc943f9d2db2a751 3ff3b00004ddd242 3c857f6b707638e1
3ff3cffff5b2c957 3c7a023a10bf1231 3ff3efffeab0b418 3c987f6d66b152b0
3ff410001532aff4 3c67f8375f198524 3ff4300017478b29 3c8301e672dc5143
3ff44fffe795b463 3c89ff69b8b2895a 3ff46fffe80475e0 bc95c0b19bc2f254
3ff48fffef6fc1e7 3c9b4009f23a2a72 3ff4afffe5bea704 bc94ffb7bf0d7d45
3ff4d000171027de bc99c06471dc6a3d 3ff4f0000ff03ee2 3c977f890b85531c
3ff5100012dc4bd1 3c6004657166a436 3ff530001605277a bc96bfcece233209
3ff54fffecdb704c bc8902720505a1d7 3ff56fffef5f54a9 3c9bbfe60ec96412
3ff5900017e61012 3c887ec581afef90 3ff5b00003c93e92 bc9f41080abf0cc0
3ff5d0001d4919bc bc98812afb254729 3ff5efffe7b87a89 bc947eb780ed6904
"""


def _hexwords(s):
    return np.array([int(w, 16) for w in s.split()], dtype=np.uint64)


_EXP_TAB_U = _hexwords(_EXP_TAB)                                   # 2*128 words
_LOG_TAB_F = _hexwords(_LOG_TAB).view(np.float64).reshape(128, 2)  # invc, logc
_LOG_TAB2_F = _hexwords(_LOG_TAB2).view(np.float64).reshape(128, 2)  # chi, clo

# e_exp2f_data.c (EXP2F_TABLE_BITS = 5)
_EXP2F_TAB = np.array([
    0x3ff0000000000000, 0x3fefd9b0d3158574, 0x3fefb5586cf9890f, 0x3fef9301d0125b51,
    0x3fef72b83c7d517b, 0x3fef54873168b9aa, 0x3fef387a6e756238, 0x3fef1e9df51fdee1,
    0x3fef06fe0a31b715, 0x3feef1a7373aa9cb, 0x3feedea64c123422, 0x3feece086061892d,
    0x3feebfdad5362a27, 0x3feeb42b569d4f82, 0x3feeab07dd485429, 0x3feea47eb03a5585,
    0x3feea09e667f3bcd, 0x3fee9f75e8ec5f74, 0x3feea11473eb0187, 0x3feea589994cce13,
    0x3feeace5422aa0db, 0x3feeb737b0cdc5e5, 0x3feec49182a3f090, 0x3feed503b23e255d,
    0x3feee89f995ad3ad, 0x3feeff76f2fb5e47, 0x3fef199bdd85529c, 0x3fef3720dcef9069,
    0x3fef5818dcfba487, 0x3fef7c97337b9b5f, 0x3fefa4afa2a490da, 0x3fefd0765b6e4540,
], dtype=np.uint64)
_EXPF_N = 32
_EXPF_INVLN2N = float.fromhex("0x1.71547652b82fep+0") * _EXPF_N
_EXPF_SHIFT = float.fromhex("0x1.8p+52")
_EXPF_C = (float.fromhex("0x1.c6af84b912394p-5") / _EXPF_N / _EXPF_N / _EXPF_N,
           float.fromhex("0x1.ebfce50fac4f3p-3") / _EXPF_N / _EXPF_N,
           float.fromhex("0x1.62e42ff0c52d6p-1") / _EXPF_N)

# e_logf_data.c (LOGF_TABLE_BITS = 4): (invc, logc)
_LOGF_TAB = np.array([float.fromhex(h) for h in """
    0x1.661ec79f8f3bep+0 -0x1.57bf7808caadep-2  0x1.571ed4aaf883dp+0 -0x1.2bef0a7c06ddbp-2
    0x1.49539f0f010bp+0 -0x1.01eae7f513a67p-2   0x1.3c995b0b80385p+0 -0x1.b31d8a68224e9p-3
    0x1.30d190c8864a5p+0 -0x1.6574f0ac07758p-3  0x1.25e227b0b8eap+0 -0x1.1aa2bc79c81p-3
    0x1.1bb4a4a1a343fp+0 -0x1.a4e76ce8c0e5ep-4  0x1.12358f08ae5bap+0 -0x1.1973c5a611cccp-4
    0x1.0953f419900a7p+0 -0x1.252f438e10c1ep-5  0x1p+0 0x0p+0
    0x1.e608cfd9a47acp-1 0x1.aa5aa5df25984p-5   0x1.ca4b31f026aap-1 0x1.c5e53aa362eb4p-4
    0x1.b2036576afce6p-1 0x1.526e57720db08p-3   0x1.9c2d163a1aa2dp-1 0x1.bc2860d22477p-3
    0x1.886e6037841edp-1 0x1.1058bc8a07ee1p-2   0x1.767dcf5534862p-1 0x1.4043057b6ee09p-2
""".split()]).reshape(16, 2)
_LOGF_LN2 = float.fromhex("0x1.62e42fefa39efp-1")
_LOGF_A = (float.fromhex("-0x1.00ea348b88334p-2"), float.fromhex("0x1.5575b0be00b6ap-2"),
           float.fromhex("-0x1.ffffef20a4123p-2"))

# e_exp_data.c (EXP_TABLE_BITS = 7, EXP_POLY_ORDER = 5)
_EXP_N = 128
_EXP_INVLN2N = float.fromhex("0x1.71547652b82fep0") * _EXP_N
_EXP_NEGLN2HIN = float.fromhex("-0x1.62e42fefa0000p-8")
_EXP_NEGLN2LON = float.fromhex("-0x1.cf79abc9e3b3ap-47")
_EXP_SHIFT = float.fromhex("0x1.8p52")
_EXP_C2, _EXP_C3, _EXP_C4, _EXP_C5 = (float.fromhex(h) for h in (
    "0x1.ffffffffffdbdp-2", "0x1.555555555543cp-3", "0x1.55555cf172b91p-5",
    "0x1.1111167a4d017p-7"))

# e_log_data.c (LOG_TABLE_BITS = 7, LOG_POLY_ORDER = 6, LOG_POLY1_ORDER = 12)
_LOG_LN2HI = float.fromhex("0x1.62e42fefa3800p-1")
_LOG_LN2LO = float.fromhex("0x1.ef35793c76730p-45")
_LOG_B = tuple(float.fromhex(h) for h in (
    "-0x1p-1", "0x1.5555555555577p-2", "-0x1.ffffffffffdcbp-3", "0x1.999999995dd0cp-3",
    "-0x1.55555556745a7p-3", "0x1.24924a344de3p-3", "-0x1.fffffa4423d65p-4",
    "0x1.c7184282ad6cap-4", "-0x1.999eb43b068ffp-4", "0x1.78182f7afd085p-4",
    "-0x1.5521375d145cdp-4"))
_LOG_A = tuple(float.fromhex(h) for h in (
    "-0x1.0000000000001p-1", "0x1.555555551305bp-2", "-0x1.fffffffeb459p-3",
    "0x1.999b324f10111p-3", "-0x1.55575e506c89fp-3"))

_F32 = np.float32
_F64 = np.float64


# ----------------------------------------------------------------------------- helpers

def _check_variant(variant, allowed):
    if variant not in allowed:
        raise ValueError("variant must be one of %r, got %r" % (allowed, variant))


def _flush64(a):
    """FTZ/DAZ for a float64 array (returns a new array or ``a`` when nothing changes)."""
    m = np.abs(a) < 2.2250738585072014e-308
    if m.any():
        a = np.where(m, np.copysign(0.0, a), a)
    return a


def _split(a):
    c = a * 134217729.0  # 2**27 + 1 (Veltkamp)
    hi = c - (c - a)
    return hi, a - hi


def _fma(a, b, c):
    """Correctly rounded float64 a*b + c for finite operands without underflow/overflow.

    Exact product (Dekker), TwoSum with c, then the round-to-odd sum of Boldo and
    Melquiond ("Emulation of FMA and correctly rounded sums", IEEE TC 2008).
    """
    a = np.asarray(a, _F64)
    b = np.asarray(b, _F64)
    c = np.asarray(c, _F64)
    p = a * b
    ah, al = _split(a)
    bh, bl = _split(b)
    e = ((ah * bh - p) + ah * bl + al * bh) + al * bl
    th = c + p
    bv = th - c
    tl = (c - (th - bv)) + (p - bv)
    v = tl + e
    bv = v - tl
    ev = (tl - (v - bv)) + (e - bv)
    vb = np.asarray(v).view(np.uint64)
    odd = np.where((ev != 0) & ((vb & np.uint64(1)) == 0),
                   np.where((ev > 0) == (v > 0), vb + np.uint64(1), vb - np.uint64(1)), vb)
    # v == 0 with ev != 0 cannot happen (TwoSum), so +-1 on the magnitude is a step
    # towards ev.
    v = odd.view(_F64)
    return th + v


def _mul_add(a, b, c, fused):
    return _fma(a, b, c) if fused else a * b + c


def _u32(x):
    return np.ascontiguousarray(x, _F32).view(np.uint32)


def _u64(x):
    return np.ascontiguousarray(x, _F64).view(np.uint64)


# ----------------------------------------------------------------------------- expf

def expf(x, ftz_daz=False, variant="2.27", fma=True):
    """glibc 2.36 ``expf`` (``__expf_fma`` when ``fma``), float32 in and out."""
    _check_variant(variant, _F32_VARIANTS)
    # The GLIBC_2.2.5 wrapper only replaces a 0/inf result of a finite x by 0/inf again.
    x = np.asarray(x, _F32)
    shape = x.shape
    x = x.reshape(-1)
    ix = _u32(x)
    abstop = (ix >> np.uint32(20)) & np.uint32(0x7FF)
    with np.errstate(all="ignore"):
        xd = x.astype(_F64)
        if ftz_daz:
            xd = _flush64(xd)   # cvtss2sd reads a subnormal as 0
        if fma:
            kd = _fma(_EXPF_INVLN2N, xd, _EXPF_SHIFT)
        else:
            z = _EXPF_INVLN2N * xd
            kd = z + _EXPF_SHIFT
        ki = _u64(kd)
        kd = kd - _EXPF_SHIFT
        if fma:
            r = _fma(_EXPF_INVLN2N, xd, -kd)
        else:
            r = z - kd
        t = _EXP2F_TAB[(ki % np.uint64(_EXPF_N)).astype(np.intp)]
        t = t + (ki << np.uint64(52 - 5))
        s = t.view(_F64)
        c0, c1, c2 = _EXPF_C
        zz = _mul_add(c0, r, c1, fma)
        r2 = r * r
        y = _mul_add(c2, r, 1.0, fma)
        y = _mul_add(zz, r2, y, fma)
        y = y * s
        out = y.astype(_F32)
        if ftz_daz:
            out = np.where(np.abs(out) < np.finfo(_F32).tiny, _F32(0), out)
        big = abstop >= np.uint32(0x42B)          # top12(88.0f): |x| >= 88 or nan/inf
        if big.any():
            sp = np.where(x > float.fromhex("0x1.62e42ep6"), _F32(np.inf), out)
            sp = np.where(x < float.fromhex("-0x1.9fe368p6"), _F32(0), sp)
            sp = np.where(abstop >= np.uint32(0x7F8), x + x, sp)
            sp = np.where(ix == np.uint32(0xFF800000), _F32(0), sp)
            out = np.where(big, sp, out)
    return out.astype(_F32, copy=False).reshape(shape)


# ----------------------------------------------------------------------------- logf

def logf(x, ftz_daz=False, variant="2.27", fma=True):
    """glibc 2.36 ``logf`` (``__logf_fma`` when ``fma``); ``variant="2.2.5"`` is the
    compat wrapper ``logf@GLIBC_2.2.5``."""
    _check_variant(variant, _F32_VARIANTS)
    x = np.asarray(x, _F32)
    shape = x.shape
    x = x.reshape(-1)
    ix = _u32(x).copy()
    with np.errstate(all="ignore"):
        special = (ix - np.uint32(0x00800000)) >= np.uint32(0x7F800000 - 0x00800000)
        sub = special & (ix != 0) & (ix < np.uint32(0x00800000))   # positive subnormal
        # x*0x1p23f then ix -= 23<<23; under DAZ the product is 0.
        if ftz_daz:
            norm = np.zeros_like(ix)
        else:
            norm = _u32(x * _F32(2.0 ** 23))
        ix = np.where(sub, norm - np.uint32(23 << 23), ix)
        tmp = ix - np.uint32(0x3F330000)
        i = ((tmp >> np.uint32(19)) % np.uint32(16)).astype(np.intp)
        k = tmp.view(np.int32) >> np.int32(23)
        iz = ix - (tmp & np.uint32(0x1FF << 23))
        invc = _LOGF_TAB[i, 0]
        logc = _LOGF_TAB[i, 1]
        z = iz.view(_F32).astype(_F64)
        kd = k.astype(_F64)
        a0, a1, a2 = _LOGF_A
        if fma:
            r = _fma(z, invc, -1.0)
            y0 = _fma(kd, _LOGF_LN2, logc)
        else:
            r = z * invc - 1.0
            y0 = logc + kd * _LOGF_LN2
        r2 = r * r
        y = _mul_add(a1, r, a2, fma)
        y = _mul_add(a0, r2, y, fma)
        y = _mul_add(y, r2, y0 + r, fma)
        out = y.astype(_F32)
        out = np.where(ix == np.uint32(0x3F800000), _F32(0), out)
        # specials, evaluated on the original bits
        ox = _u32(x)
        sp = np.where(ox * np.uint32(2) == 0, _F32(-np.inf), _F32(np.nan))
        sp = np.where(ox == np.uint32(0x7F800000), x, sp)
        hard = special & ~sub
        out = np.where(hard, sp, out)
        if variant == "2.2.5":
            xz = x if not ftz_daz else np.where(np.abs(x) < np.finfo(_F32).tiny, _F32(0), x)
            out = np.where(xz == 0, _F32(-np.inf), out)
            out = np.where(xz < 0, _F32(np.nan), out)
    return out.astype(_F32, copy=False).reshape(shape)


# ----------------------------------------------------------------------------- log1pf / log1p

def _log1p_core(x, ftype, utype, hi_of, prm, fused=False):
    """fdlibm s_log1pf.c / s_log1p.c in the arithmetic of ``ftype`` (SSE2, no FMA).

    ``hi_of`` gives the int32 word the C code inspects (whole float / high word)."""
    F = ftype
    one, two, half = F(1), F(2), F(0.5)
    hx = hi_of(x)
    ax = hx & np.int32(0x7FFFFFFF)
    (lim_hi, lim_tiny, lim_54, lim_neg, lim_inf, lim_big, mbits, sqrt2m, ebias,
     ln2_hi, ln2_lo, poly) = prm
    with np.errstate(all="ignore"):
        k1 = ~((hx < lim_hi) & ((hx > 0) | (hx <= lim_neg)))   # k != 0 path
        # k != 0: u = 1 + x (or x itself when huge)
        big = hx >= lim_big
        u = np.where(big, x, one + x)
        hu = hi_of(u)
        k = (hu >> np.int32(mbits)) - np.int32(ebias)
        c = np.where(k > 0, one - (u - x), x - (u - one))
        c = np.where(big, F(0), c / u)
        hu = hu & np.int32((1 << mbits) - 1)
        lowm = hu < sqrt2m
        k = np.where(lowm, k, k + 1)
        un = _set_hi(u, np.where(lowm, hu | np.int32(ebias << mbits),
                                 hu | np.int32((ebias - 1) << mbits)), F)
        hu = np.where(lowm, hu, (np.int32(1 << mbits) - hu) >> np.int32(2))
        f = un - one
        # k == 0 path
        f = np.where(k1, f, x)
        hu = np.where(k1, hu, np.int32(1))
        k = np.where(k1, k, np.int32(0))
        c = np.where(k1, c, F(0))
        kf = k.astype(F)
        hfsq = half * f * f
        # hu == 0: |f| < 2**-20
        if fused:
            klo = _fma(kf, ln2_lo, c)
            r0 = _fma(-f, F(0.66666666666666666), one) * hfsq
            res_hu0 = np.where(k == 0, f - r0, _fma(kf, ln2_hi, -((r0 - klo) - f)))
            res_f0 = np.where(k == 0, F(0), _fma(kf, ln2_hi, klo))
        else:
            klo = kf * ln2_lo + c
            r0 = hfsq * (one - F(0.66666666666666666) * f)
            res_hu0 = np.where(k == 0, f - r0, kf * ln2_hi - ((r0 - klo) - f))
            res_f0 = np.where(k == 0, F(0), kf * ln2_hi + (c + kf * ln2_lo))
        res_hu0 = np.where(f == 0, res_f0, res_hu0)
        s = f / (two + f)
        z = s * s
        R = poly(z, fused)
        sr = s * (hfsq + R)
        if fused:
            resk = _fma(kf, ln2_hi, -((hfsq - (sr + klo)) - f))
        else:
            resk = kf * ln2_hi - ((hfsq - (sr + klo)) - f)
        res = np.where(k == 0, f - (hfsq - sr), resk)
        res = np.where(hu == 0, res_hu0, res)
        # small |x| (< 2**-29)
        small = (hx < lim_hi) & (ax < lim_tiny)
        res = np.where(small, np.where(ax < lim_54, x, x - x * x * half), res)
        # x <= -1, inf, nan
        res = np.where((hx < lim_hi) & (ax >= np.int32(ebias << mbits)),
                       np.where(x == -one, F(-np.inf), F(np.nan)), res)
        res = np.where(hx >= lim_inf, x + x, res)
    return res


def _set_hi(u, hw, F):
    if F is _F32:
        return hw.astype(np.int32).view(_F32)
    lo = _u64(u) & np.uint64(0xFFFFFFFF)
    return ((hw.astype(np.int64).astype(np.uint64) << np.uint64(32)) | lo).view(_F64)


_LP_F = tuple(_F32(v) for v in (6.6666668653e-01, 4.0000000596e-01, 2.8571429849e-01,
                                 2.2222198546e-01, 1.8183572590e-01, 1.5313838422e-01,
                                 1.4798198640e-01))


def _poly_f(z, fused=False):
    L = _LP_F
    return z * (L[0] + z * (L[1] + z * (L[2] + z * (L[3] + z * (L[4] + z * (L[5] + z * L[6]))))))


_LP_D = tuple(float.fromhex(h) for h in (
    "0x1.5555555555593p-1", "0x1.999999997fa04p-2", "0x1.2492494229359p-2",
    "0x1.c71c51d8e78afp-3", "0x1.7466496cb03dep-3", "0x1.39a09d078c69fp-3",
    "0x1.2f112df3e5244p-3"))


def _poly_d(z, fused=False):
    L = _LP_D
    if fused:
        z2 = z * z
        z4 = z2 * z2
        z6 = z4 * z2
        r = _fma(z, L[0], z2 * _fma(z, L[2], L[1]))
        r = _fma(z4, _fma(z, L[4], L[3]), r)
        return _fma(z6, _fma(z, L[6], L[5]), r)
    r1 = z * L[0]
    z2 = z * z
    r2 = L[1] + z * L[2]
    z4 = z2 * z2
    r3 = L[3] + z * L[4]
    z6 = z4 * z2
    r4 = L[5] + z * L[6]
    return r1 + z2 * r2 + z4 * r3 + z6 * r4


_LOG1PF_PRM = (np.int32(0x3ed413d7), np.int32(0x31000000), np.int32(0x24800000),
               np.int32(-0x416a09e1), np.int32(0x7f800000), np.int32(0x5a000000), 23,
               np.int32(0x3504f7), 127, _F32(6.9313812256e-01), _F32(9.0580006145e-06), _poly_f)
_LOG1P_PRM = (np.int32(0x3FDA827A), np.int32(0x3e200000), np.int32(0x3c900000),
              np.int32(-0x402d413d), np.int32(0x7ff00000), np.int32(0x43400000), 20,
              np.int32(0x6a09e), 1023, float.fromhex("0x1.62e42feep-1"),
              float.fromhex("0x1.a39ef35793c76p-33"), _poly_d)


def log1pf(x, ftz_daz=False, variant="2.27", fma=True):
    """glibc 2.36 ``log1pf`` (fdlibm; one symbol version, no FMA build: ``variant`` and
    ``fma`` do not change the result). FTZ/DAZ never matter: |x| < 2**-54 (all subnormals)
    is returned unchanged and no other path produces or reads a subnormal."""
    _check_variant(variant, _F32_VARIANTS)
    x = np.asarray(x, _F32)
    shape = x.shape
    x = x.reshape(-1)
    out = _log1p_core(x, _F32, np.uint32, lambda v: _u32(v).view(np.int32), _LOG1PF_PRM)
    return out.astype(_F32, copy=False).reshape(shape)


def log1p(x, ftz_daz=False, variant="2.29", fma=True):
    """glibc 2.36 ``log1p`` (fdlibm; one symbol version).

    ``fma=True`` reproduces the Debian 2.36 build, which carries the backported upstream
    change "x86_64: Add log1p with FMA" (glibc 2.40): ``s_log1p.c`` compiled with
    ``-mfma -mavx2`` behind an ifunc. Upstream 2.36 has no such build (use ``fma=False``)."""
    _check_variant(variant, _F64_VARIANTS)
    x = np.asarray(x, _F64)
    shape = x.shape
    x = x.reshape(-1)
    hi = lambda v: (_u64(v) >> np.uint64(32)).astype(np.uint32).view(np.int32)
    out = _log1p_core(x, _F64, np.uint64, hi, _LOG1P_PRM, fused=fma)
    return out.astype(_F64, copy=False).reshape(shape)


# ----------------------------------------------------------------------------- exp

def exp(x, ftz_daz=False, variant="2.29", fma=True):
    """glibc 2.36 ``exp`` (``__exp_fma`` when ``fma``), float64. The GLIBC_2.2.5 wrapper
    gives the same values."""
    _check_variant(variant, _F64_VARIANTS)
    x = np.asarray(x, _F64)
    shape = x.shape
    x = x.reshape(-1)
    ux = _u64(x)
    abstop = ((ux >> np.uint64(52)) & np.uint64(0x7FF)).astype(np.int64)
    with np.errstate(all="ignore"):
        xs = _flush64(x) if ftz_daz else x
        if fma:
            kd = _fma(_EXP_INVLN2N, xs, _EXP_SHIFT)
        else:
            kd = _EXP_INVLN2N * xs + _EXP_SHIFT
        ki = _u64(kd)
        kd = kd - _EXP_SHIFT
        if fma:
            r = _fma(kd, _EXP_NEGLN2LON, _fma(kd, _EXP_NEGLN2HIN, xs))
        else:
            r = xs + kd * _EXP_NEGLN2HIN + kd * _EXP_NEGLN2LON
        idx = (np.uint64(2) * (ki % np.uint64(_EXP_N))).astype(np.intp)
        top = ki << np.uint64(52 - 7)
        tail = _EXP_TAB_U[idx].view(_F64)
        sbits = _EXP_TAB_U[idx + 1] + top
        r2 = r * r
        if fma:
            t1 = _fma(r, _EXP_C3, _EXP_C2)
            t2 = _fma(r, _EXP_C5, _EXP_C4)
            tmp = _fma(r2 * r2, t2, _fma(t1, r2, tail + r))
        else:
            tmp = tail + r + r2 * (_EXP_C2 + r * _EXP_C3) + r2 * r2 * (_EXP_C4 + r * _EXP_C5)
        scale = sbits.view(_F64)
        out = _mul_add(scale, tmp, scale, fma)
        # specialcase: 512 <= |x| < 1024 (abstop == 0 in the C code)
        spc = (abstop >= 0x408) & (abstop < 0x409)
        if spc.any():
            pos = (ki & np.uint64(0x80000000)) == 0
            sc1 = (sbits - np.uint64(1009 << 52)).view(_F64)
            y1 = _mul_add(sc1, tmp, sc1, fma) * float.fromhex("0x1p1009")
            sc2 = (sbits + np.uint64(1022 << 52)).view(_F64)
            st = sc2 * tmp
            y2 = sc2 + st
            lo = sc2 - y2 + st
            hi = 1.0 + y2
            lo = 1.0 - hi + y2 + lo
            y3 = (hi + lo) - 1.0
            y3 = np.where(y3 == 0.0, 0.0, y3)
            y2 = np.where(y2 < 1.0, y3, y2)
            y2 = float.fromhex("0x1p-1022") * y2
            out = np.where(spc, np.where(pos, y1, y2), out)
        if ftz_daz:
            out = _flush64(out)
        # tiny |x| < 2**-54 (and zero, subnormals): 1 + x
        out = np.where(abstop < 0x3C9, 1.0 + xs, out)
        hard = abstop >= 0x409
        if hard.any():
            sp = np.where(ux >> np.uint64(63) != 0, 0.0, np.inf)
            sp = np.where(abstop >= 0x7FF, 1.0 + x, sp)
            sp = np.where(ux == np.uint64(0xFFF0000000000000), 0.0, sp)
            out = np.where(hard, sp, out)
    return out.astype(_F64, copy=False).reshape(shape)


# ----------------------------------------------------------------------------- log

def log(x, ftz_daz=False, variant="2.29", fma=True):
    """glibc 2.36 ``log`` (``__log_fma`` when ``fma``), float64; ``variant="2.2.5"`` is
    the compat wrapper ``log@GLIBC_2.2.5``."""
    _check_variant(variant, _F64_VARIANTS)
    x = np.asarray(x, _F64)
    shape = x.shape
    x = x.reshape(-1)
    ix = _u64(x).copy()
    top = (ix >> np.uint64(48)).astype(np.int64)
    B = _LOG_B
    A = _LOG_A
    with np.errstate(all="ignore"):
        # near 1: 1 - 0x1p-4 <= x < 1 + 0x1.09p-4
        LO = np.float64(1.0 - 2.0 ** -4).view(np.uint64)
        HI = np.float64(1.0 + float.fromhex("0x1.09p-4")).view(np.uint64)
        near = (ix - LO) < (HI - LO)
        r = x - 1.0
        r2 = r * r
        r3 = r * r2
        w = r * 2.0 ** 27
        if fma:
            p1 = _fma(r2, B[3], _fma(r, B[2], B[1]))
            p2 = _fma(r2, B[6], _fma(r, B[5], B[4]))
            p3 = _fma(r3, B[10], _fma(r2, B[9], _fma(r, B[8], B[7])))
            q = _fma(_fma(_fma(p3, r3, p2), r3, p1), r3, 0.0)
            rhi = (r + w) - w
            rlo = r - rhi
            rr = rhi * rhi
            hi = _fma(rr, B[0], r)
            lo = _fma(rr, B[0], r - hi)
            lo = _fma(B[0] * rlo, rhi + r, lo)
            y = _fma(_fma(_fma(p3, r3, p2), r3, p1), r3, lo)
            near_out = hi + y
        else:
            y = r3 * (B[1] + r * B[2] + r2 * B[3]
                      + r3 * (B[4] + r * B[5] + r2 * B[6]
                              + r3 * (B[7] + r * B[8] + r2 * B[9] + r3 * B[10])))
            rhi = r + w - w
            rlo = r - rhi
            w2 = rhi * rhi * B[0]
            hi = r + w2
            lo = r - hi + w2
            lo = lo + B[0] * rlo * (rhi + r)
            y = y + lo
            near_out = y + hi
        near_out = np.where(ix == np.uint64(0x3FF0000000000000), 0.0, near_out)
        special = (top - 0x0010) % (1 << 32) >= 0x7FF0 - 0x0010
        sub = special & (ix != 0) & (ix < np.uint64(0x0010000000000000))
        if ftz_daz:
            norm = np.zeros_like(ix)
        else:
            norm = _u64(x * 2.0 ** 52)
        ix = np.where(sub, norm - np.uint64(52 << 52), ix)
        tmp = ix - np.uint64(0x3FE6000000000000)
        i = ((tmp >> np.uint64(45)) % np.uint64(128)).astype(np.intp)
        k = tmp.view(np.int64) >> np.int64(52)
        iz = ix - (tmp & np.uint64(0xFFF << 52))
        invc = _LOG_TAB_F[i, 0]
        logc = _LOG_TAB_F[i, 1]
        z = iz.view(_F64)
        kd = k.astype(_F64)
        if fma:
            r = _fma(z, invc, -1.0)
            w = _fma(kd, _LOG_LN2HI, logc)
            hi = w + r
            lo = _fma(kd, _LOG_LN2LO, w - hi + r)
            r2 = r * r
            t = _fma(r, A[2], A[1])
            u = _fma(r, A[4], A[3])
            p = _fma(u, r2, t)
            y = _fma(r * r2, p, _fma(r2, A[0], lo))
            out = y + hi
        else:
            r = (z - _LOG_TAB2_F[i, 0] - _LOG_TAB2_F[i, 1]) * invc
            w = kd * _LOG_LN2HI + logc
            hi = w + r
            lo = w - hi + r + kd * _LOG_LN2LO
            r2 = r * r
            y = lo + r2 * A[0] + r * r2 * (A[1] + r * A[2] + r2 * (A[3] + r * A[4])) + hi
            out = y
        ox = _u64(x)
        sp = np.where(ox * np.uint64(2) == 0, -np.inf, np.nan)
        sp = np.where(ox == np.uint64(0x7FF0000000000000), x, sp)
        out = np.where(special & ~sub, sp, out)
        out = np.where(near, near_out, out)
        if variant == "2.2.5":
            xz = _flush64(x) if ftz_daz else x
            out = np.where(xz == 0, -np.inf, out)
            out = np.where(xz < 0, np.nan, out)
    return out.astype(_F64, copy=False).reshape(shape)


# ----------------------------------------------------------------------------- powf / pow
# glibc 2.36 ``sysdeps/ieee754/flt-32/e_powf_log2_data.c`` (POWF_LOG2_TABLE_BITS = 4,
# POWF_SCALE_BITS = 0 since x86_64 has no TOINT_INTRINSICS): (invc, logc) and the poly.
_POWF_LOG2_TAB = np.array([float.fromhex(h) for h in """
    0x1.661ec79f8f3bep+0 -0x1.efec65b963019p-2  0x1.571ed4aaf883dp+0 -0x1.b0b6832d4fca4p-2
    0x1.49539f0f010bp+0 -0x1.7418b0a1fb77bp-2   0x1.3c995b0b80385p+0 -0x1.39de91a6dcf7bp-2
    0x1.30d190c8864a5p+0 -0x1.01d9bf3f2b631p-2  0x1.25e227b0b8eap+0 -0x1.97c1d1b3b7afp-3
    0x1.1bb4a4a1a343fp+0 -0x1.2f9e393af3c9fp-3  0x1.12358f08ae5bap+0 -0x1.960cbbf788d5cp-4
    0x1.0953f419900a7p+0 -0x1.a6f9db6475fcep-5  0x1p+0 0x0p+0
    0x1.e608cfd9a47acp-1 0x1.338ca9f24f53dp-4   0x1.ca4b31f026aap-1 0x1.476a9543891bap-3
    0x1.b2036576afce6p-1 0x1.e840b4ac4e4d2p-3   0x1.9c2d163a1aa2dp-1 0x1.40645f0c6651cp-2
    0x1.886e6037841edp-1 0x1.88e9c2c1b9ff8p-2   0x1.767dcf5534862p-1 0x1.ce0a44eb17bccp-2
""".split()]).reshape(16, 2)
_POWF_A = tuple(float.fromhex(h) for h in (
    "0x1.27616c9496e0bp-2", "-0x1.71969a075c67ap-2", "0x1.ec70a6ca7baddp-2",
    "-0x1.7154748bef6c8p-1", "0x1.71547652ab82bp0"))
# e_exp2f_data.c: shift_scaled = 0x1.8p+52 / N and the unscaled poly (x86_64 path).
_EXP2F_SHIFT_SCALED = float.fromhex("0x1.8p+52") / _EXPF_N
_EXP2F_POLY = tuple(float.fromhex(h) for h in (
    "0x1.c6af84b912394p-5", "0x1.ebfce50fac4f3p-3", "0x1.62e42ff0c52d6p-1"))

# e_pow_log_data.c (POW_LOG_TABLE_BITS = 7, POW_LOG_POLY_ORDER = 8): ln2hi, ln2lo, poly
# (already multiplied by the scale factors written in the C file) and tab (invc, logc,
# logctail; the pad column is left out).
_POW_LN2HI = float.fromhex("0x1.62e42fefa3800p-1")
_POW_LN2LO = float.fromhex("0x1.ef35793c76730p-45")
_POW_A = (float.fromhex("-0x1p-1"),
          float.fromhex("0x1.555555555556p-2") * -2,
          float.fromhex("-0x1.0000000000006p-2") * -2,
          float.fromhex("0x1.999999959554ep-3") * 4,
          float.fromhex("-0x1.555555529a47ap-3") * 4,
          float.fromhex("0x1.2495b9b4845e9p-3") * -8,
          float.fromhex("-0x1.0002b8b263fc3p-3") * -8)
_POW_LOG_TAB = np.array([float.fromhex(h) for h in """
    0x1.6a00000000000p+0 -0x1.62c82f2b9c800p-2 0x1.ab42428375680p-48
    0x1.6800000000000p+0 -0x1.5d1bdbf580800p-2 -0x1.ca508d8e0f720p-46
    0x1.6600000000000p+0 -0x1.5767717455800p-2 -0x1.362a4d5b6506dp-45
    0x1.6400000000000p+0 -0x1.51aad872df800p-2 -0x1.684e49eb067d5p-49
    0x1.6200000000000p+0 -0x1.4be5f95777800p-2 -0x1.41b6993293ee0p-47
    0x1.6000000000000p+0 -0x1.4618bc21c6000p-2 0x1.3d82f484c84ccp-46
    0x1.5e00000000000p+0 -0x1.404308686a800p-2 0x1.c42f3ed820b3ap-50
    0x1.5c00000000000p+0 -0x1.3a64c55694800p-2 0x1.0b1c686519460p-45
    0x1.5a00000000000p+0 -0x1.347dd9a988000p-2 0x1.5594dd4c58092p-45
    0x1.5800000000000p+0 -0x1.2e8e2bae12000p-2 0x1.67b1e99b72bd8p-45
    0x1.5600000000000p+0 -0x1.2895a13de8800p-2 0x1.5ca14b6cfb03fp-46
    0x1.5600000000000p+0 -0x1.2895a13de8800p-2 0x1.5ca14b6cfb03fp-46
    0x1.5400000000000p+0 -0x1.22941fbcf7800p-2 -0x1.65a242853da76p-46
    0x1.5200000000000p+0 -0x1.1c898c1699800p-2 -0x1.fafbc68e75404p-46
    0x1.5000000000000p+0 -0x1.1675cababa800p-2 0x1.f1fc63382a8f0p-46
    0x1.4e00000000000p+0 -0x1.1058bf9ae4800p-2 -0x1.6a8c4fd055a66p-45
    0x1.4c00000000000p+0 -0x1.0a324e2739000p-2 -0x1.c6bee7ef4030ep-47
    0x1.4a00000000000p+0 -0x1.0402594b4d000p-2 -0x1.036b89ef42d7fp-48
    0x1.4a00000000000p+0 -0x1.0402594b4d000p-2 -0x1.036b89ef42d7fp-48
    0x1.4800000000000p+0 -0x1.fb9186d5e4000p-3 0x1.d572aab993c87p-47
    0x1.4600000000000p+0 -0x1.ef0adcbdc6000p-3 0x1.b26b79c86af24p-45
    0x1.4400000000000p+0 -0x1.e27076e2af000p-3 -0x1.72f4f543fff10p-46
    0x1.4200000000000p+0 -0x1.d5c216b4fc000p-3 0x1.1ba91bbca681bp-45
    0x1.4000000000000p+0 -0x1.c8ff7c79aa000p-3 0x1.7794f689f8434p-45
    0x1.4000000000000p+0 -0x1.c8ff7c79aa000p-3 0x1.7794f689f8434p-45
    0x1.3e00000000000p+0 -0x1.bc286742d9000p-3 0x1.94eb0318bb78fp-46
    0x1.3c00000000000p+0 -0x1.af3c94e80c000p-3 0x1.a4e633fcd9066p-52
    0x1.3a00000000000p+0 -0x1.a23bc1fe2b000p-3 -0x1.58c64dc46c1eap-45
    0x1.3a00000000000p+0 -0x1.a23bc1fe2b000p-3 -0x1.58c64dc46c1eap-45
    0x1.3800000000000p+0 -0x1.9525a9cf45000p-3 -0x1.ad1d904c1d4e3p-45
    0x1.3600000000000p+0 -0x1.87fa06520d000p-3 0x1.bbdbf7fdbfa09p-45
    0x1.3400000000000p+0 -0x1.7ab890210e000p-3 0x1.bdb9072534a58p-45
    0x1.3400000000000p+0 -0x1.7ab890210e000p-3 0x1.bdb9072534a58p-45
    0x1.3200000000000p+0 -0x1.6d60fe719d000p-3 -0x1.0e46aa3b2e266p-46
    0x1.3000000000000p+0 -0x1.5ff3070a79000p-3 -0x1.e9e439f105039p-46
    0x1.3000000000000p+0 -0x1.5ff3070a79000p-3 -0x1.e9e439f105039p-46
    0x1.2e00000000000p+0 -0x1.526e5e3a1b000p-3 -0x1.0de8b90075b8fp-45
    0x1.2c00000000000p+0 -0x1.44d2b6ccb8000p-3 0x1.70cc16135783cp-46
    0x1.2c00000000000p+0 -0x1.44d2b6ccb8000p-3 0x1.70cc16135783cp-46
    0x1.2a00000000000p+0 -0x1.371fc201e9000p-3 0x1.178864d27543ap-48
    0x1.2800000000000p+0 -0x1.29552f81ff000p-3 -0x1.48d301771c408p-45
    0x1.2600000000000p+0 -0x1.1b72ad52f6000p-3 -0x1.e80a41811a396p-45
    0x1.2600000000000p+0 -0x1.1b72ad52f6000p-3 -0x1.e80a41811a396p-45
    0x1.2400000000000p+0 -0x1.0d77e7cd09000p-3 0x1.a699688e85bf4p-47
    0x1.2400000000000p+0 -0x1.0d77e7cd09000p-3 0x1.a699688e85bf4p-47
    0x1.2200000000000p+0 -0x1.fec9131dbe000p-4 -0x1.575545ca333f2p-45
    0x1.2000000000000p+0 -0x1.e27076e2b0000p-4 0x1.a342c2af0003cp-45
    0x1.2000000000000p+0 -0x1.e27076e2b0000p-4 0x1.a342c2af0003cp-45
    0x1.1e00000000000p+0 -0x1.c5e548f5bc000p-4 -0x1.d0c57585fbe06p-46
    0x1.1c00000000000p+0 -0x1.a926d3a4ae000p-4 0x1.53935e85baac8p-45
    0x1.1c00000000000p+0 -0x1.a926d3a4ae000p-4 0x1.53935e85baac8p-45
    0x1.1a00000000000p+0 -0x1.8c345d631a000p-4 0x1.37c294d2f5668p-46
    0x1.1a00000000000p+0 -0x1.8c345d631a000p-4 0x1.37c294d2f5668p-46
    0x1.1800000000000p+0 -0x1.6f0d28ae56000p-4 -0x1.69737c93373dap-45
    0x1.1600000000000p+0 -0x1.51b073f062000p-4 0x1.f025b61c65e57p-46
    0x1.1600000000000p+0 -0x1.51b073f062000p-4 0x1.f025b61c65e57p-46
    0x1.1400000000000p+0 -0x1.341d7961be000p-4 0x1.c5edaccf913dfp-45
    0x1.1400000000000p+0 -0x1.341d7961be000p-4 0x1.c5edaccf913dfp-45
    0x1.1200000000000p+0 -0x1.16536eea38000p-4 0x1.47c5e768fa309p-46
    0x1.1000000000000p+0 -0x1.f0a30c0118000p-5 0x1.d599e83368e91p-45
    0x1.1000000000000p+0 -0x1.f0a30c0118000p-5 0x1.d599e83368e91p-45
    0x1.0e00000000000p+0 -0x1.b42dd71198000p-5 0x1.c827ae5d6704cp-46
    0x1.0e00000000000p+0 -0x1.b42dd71198000p-5 0x1.c827ae5d6704cp-46
    0x1.0c00000000000p+0 -0x1.77458f632c000p-5 -0x1.cfc4634f2a1eep-45
    0x1.0c00000000000p+0 -0x1.77458f632c000p-5 -0x1.cfc4634f2a1eep-45
    0x1.0a00000000000p+0 -0x1.39e87b9fec000p-5 0x1.502b7f526feaap-48
    0x1.0a00000000000p+0 -0x1.39e87b9fec000p-5 0x1.502b7f526feaap-48
    0x1.0800000000000p+0 -0x1.f829b0e780000p-6 -0x1.980267c7e09e4p-45
    0x1.0800000000000p+0 -0x1.f829b0e780000p-6 -0x1.980267c7e09e4p-45
    0x1.0600000000000p+0 -0x1.7b91b07d58000p-6 -0x1.88d5493faa639p-45
    0x1.0400000000000p+0 -0x1.fc0a8b0fc0000p-7 -0x1.f1e7cf6d3a69cp-50
    0x1.0400000000000p+0 -0x1.fc0a8b0fc0000p-7 -0x1.f1e7cf6d3a69cp-50
    0x1.0200000000000p+0 -0x1.fe02a6b100000p-8 -0x1.9e23f0dda40e4p-46
    0x1.0200000000000p+0 -0x1.fe02a6b100000p-8 -0x1.9e23f0dda40e4p-46
    0x1.0000000000000p+0 0x0.0000000000000p+0 0x0.0000000000000p+0
    0x1.0000000000000p+0 0x0.0000000000000p+0 0x0.0000000000000p+0
    0x1.fc00000000000p-1 0x1.0101575890000p-7 -0x1.0c76b999d2be8p-46
    0x1.f800000000000p-1 0x1.0205658938000p-6 -0x1.3dc5b06e2f7d2p-45
    0x1.f400000000000p-1 0x1.8492528c90000p-6 -0x1.aa0ba325a0c34p-45
    0x1.f000000000000p-1 0x1.0415d89e74000p-5 0x1.111c05cf1d753p-47
    0x1.ec00000000000p-1 0x1.466aed42e0000p-5 -0x1.c167375bdfd28p-45
    0x1.e800000000000p-1 0x1.894aa149fc000p-5 -0x1.97995d05a267dp-46
    0x1.e400000000000p-1 0x1.ccb73cdddc000p-5 -0x1.a68f247d82807p-46
    0x1.e200000000000p-1 0x1.eea31c006c000p-5 -0x1.e113e4fc93b7bp-47
    0x1.de00000000000p-1 0x1.1973bd1466000p-4 -0x1.5325d560d9e9bp-45
    0x1.da00000000000p-1 0x1.3bdf5a7d1e000p-4 0x1.cc85ea5db4ed7p-45
    0x1.d600000000000p-1 0x1.5e95a4d97a000p-4 -0x1.c69063c5d1d1ep-45
    0x1.d400000000000p-1 0x1.700d30aeac000p-4 0x1.c1e8da99ded32p-49
    0x1.d000000000000p-1 0x1.9335e5d594000p-4 0x1.3115c3abd47dap-45
    0x1.cc00000000000p-1 0x1.b6ac88dad6000p-4 -0x1.390802bf768e5p-46
    0x1.ca00000000000p-1 0x1.c885801bc4000p-4 0x1.646d1c65aacd3p-45
    0x1.c600000000000p-1 0x1.ec739830a2000p-4 -0x1.dc068afe645e0p-45
    0x1.c400000000000p-1 0x1.fe89139dbe000p-4 -0x1.534d64fa10afdp-45
    0x1.c000000000000p-1 0x1.1178e8227e000p-3 0x1.1ef78ce2d07f2p-45
    0x1.be00000000000p-1 0x1.1aa2b7e23f000p-3 0x1.ca78e44389934p-45
    0x1.ba00000000000p-1 0x1.2d1610c868000p-3 0x1.39d6ccb81b4a1p-47
    0x1.b800000000000p-1 0x1.365fcb0159000p-3 0x1.62fa8234b7289p-51
    0x1.b400000000000p-1 0x1.4913d8333b000p-3 0x1.5837954fdb678p-45
    0x1.b200000000000p-1 0x1.527e5e4a1b000p-3 0x1.633e8e5697dc7p-45
    0x1.ae00000000000p-1 0x1.6574ebe8c1000p-3 0x1.9cf8b2c3c2e78p-46
    0x1.ac00000000000p-1 0x1.6f0128b757000p-3 -0x1.5118de59c21e1p-45
    0x1.aa00000000000p-1 0x1.7898d85445000p-3 -0x1.c661070914305p-46
    0x1.a600000000000p-1 0x1.8beafeb390000p-3 -0x1.73d54aae92cd1p-47
    0x1.a400000000000p-1 0x1.95a5adcf70000p-3 0x1.7f22858a0ff6fp-47
    0x1.a000000000000p-1 0x1.a93ed3c8ae000p-3 -0x1.8724350562169p-45
    0x1.9e00000000000p-1 0x1.b31d8575bd000p-3 -0x1.c358d4eace1aap-47
    0x1.9c00000000000p-1 0x1.bd087383be000p-3 -0x1.d4bc4595412b6p-45
    0x1.9a00000000000p-1 0x1.c6ffbc6f01000p-3 -0x1.1ec72c5962bd2p-48
    0x1.9600000000000p-1 0x1.db13db0d49000p-3 -0x1.aff2af715b035p-45
    0x1.9400000000000p-1 0x1.e530effe71000p-3 0x1.212276041f430p-51
    0x1.9200000000000p-1 0x1.ef5ade4dd0000p-3 -0x1.a211565bb8e11p-51
    0x1.9000000000000p-1 0x1.f991c6cb3b000p-3 0x1.bcbecca0cdf30p-46
    0x1.8c00000000000p-1 0x1.07138604d5800p-2 0x1.89cdb16ed4e91p-48
    0x1.8a00000000000p-1 0x1.0c42d67616000p-2 0x1.7188b163ceae9p-45
    0x1.8800000000000p-1 0x1.1178e8227e800p-2 -0x1.c210e63a5f01cp-45
    0x1.8600000000000p-1 0x1.16b5ccbacf800p-2 0x1.b9acdf7a51681p-45
    0x1.8400000000000p-1 0x1.1bf99635a6800p-2 0x1.ca6ed5147bdb7p-45
    0x1.8200000000000p-1 0x1.214456d0eb800p-2 0x1.a87deba46baeap-47
    0x1.7e00000000000p-1 0x1.2bef07cdc9000p-2 0x1.a9cfa4a5004f4p-45
    0x1.7c00000000000p-1 0x1.314f1e1d36000p-2 -0x1.8e27ad3213cb8p-45
    0x1.7a00000000000p-1 0x1.36b6776be1000p-2 0x1.16ecdb0f177c8p-46
    0x1.7800000000000p-1 0x1.3c25277333000p-2 0x1.83b54b606bd5cp-46
    0x1.7600000000000p-1 0x1.419b423d5e800p-2 0x1.8e436ec90e09dp-47
    0x1.7400000000000p-1 0x1.4718dc271c800p-2 -0x1.f27ce0967d675p-45
    0x1.7200000000000p-1 0x1.4c9e09e173000p-2 -0x1.e20891b0ad8a4p-45
    0x1.7000000000000p-1 0x1.522ae0738a000p-2 0x1.ebe708164c759p-45
    0x1.6e00000000000p-1 0x1.57bf753c8d000p-2 0x1.fadedee5d40efp-46
    0x1.6c00000000000p-1 0x1.5d5bddf596000p-2 -0x1.a0b2a08a465dcp-47
""".split()]).reshape(128, 3)
# e_exp_data.c poly[5 - EXP_POLY_ORDER ..] = C2..C5 are _EXP_C2.._EXP_C5 above.


def _quiet(a):
    """The NaN an SSE operation returns for a NaN operand (quiet bit set)."""
    if a.dtype == _F32:
        return (_u32(a) | np.uint32(0x00400000)).view(_F32)
    return (_u64(a) | np.uint64(0x0008000000000000)).view(_F64)


def _sse_add_nan(x, y):
    """``x + y`` where at least one operand is NaN: the first NaN operand, quieted."""
    return np.where(np.isnan(x), _quiet(x), _quiet(y))


def _issignaling(a):
    if a.dtype == _F32:
        u = _u32(a)
        return ((u & np.uint32(0x7FC00000)) == np.uint32(0x7F800000)) & \
            ((u & np.uint32(0x003FFFFF)) != 0)
    u = _u64(a)
    return ((u & np.uint64(0x7FF8000000000000)) == np.uint64(0x7FF0000000000000)) & \
        ((u & np.uint64(0x0007FFFFFFFFFFFF)) != 0)


def _checkint(iy, ebits, mbits):
    """glibc ``checkint``: 0 = not an integer, 1 = odd integer, 2 = even integer (``iy``:
    bits of a non-zero finite value)."""
    U = iy.dtype.type
    bias = (1 << (ebits - 1)) - 1
    e = ((iy >> U(mbits)) & U((1 << ebits) - 1)).astype(np.int64)
    sh = np.clip(bias + mbits - e, 0, mbits + 1).astype(iy.dtype)
    one = U(1)
    frac = iy & ((one << sh) - one)
    odd = (iy & (one << sh)) != 0
    res = np.where(frac != 0, 0, np.where(odd, 1, 2))
    res = np.where(e < bias, 0, res)
    return np.where(e > bias + mbits, 2, res)


def _zeroinfnan(i, inf_bits):
    U = i.dtype.type
    return (U(2) * i - U(1)) >= U(2 * inf_bits - 1)


def _pow_specials_y(x, y, ix, iy, one_bits, inf_bits, sign_mask):
    """glibc ``pow``/``powf``: the result when y is 0, inf or nan."""
    U = ix.dtype.type
    F = x.dtype.type
    two_ix, two_iy = U(2) * ix, U(2) * iy
    r = np.where((two_ix < U(2 * one_bits)) == ((iy & U(sign_mask)) == 0), F(0.0), y * y)
    r = np.where(two_ix == U(2 * one_bits), F(1.0), r)
    r = np.where((two_ix > U(2 * inf_bits)) | (two_iy > U(2 * inf_bits)), _sse_add_nan(x, y), r)
    r = np.where(ix == U(one_bits), np.where(_issignaling(y), _sse_add_nan(x, y), F(1.0)), r)
    return np.where(two_iy == 0, np.where(_issignaling(x), _sse_add_nan(x, y), F(1.0)), r)


def _pow_specials_x(x, ix, iy, yint, sign_mask):
    """glibc ``pow``/``powf``: x is 0, inf or nan (y is not): ``x2 = x*x``, negated for a
    negative x and an odd integer y, ``1/x2`` for a negative y (``__math_divzero`` for
    x = 0 gives the same value)."""
    U = ix.dtype.type
    F = x.dtype.type
    x2 = np.where(np.isnan(x), _quiet(x), x * x)
    flip = ((ix & U(sign_mask)) != 0) & (yint == 1)
    x2 = np.where(flip, -x2, x2)
    return np.where((iy & U(sign_mask)) != 0, np.where(np.isnan(x2), x2, F(1.0) / x2), x2)


def _log2_inline_f(ix):
    """e_powf.c ``log2_inline`` (``-mfma`` build: every ``a*b + c`` fused)."""
    tmp = ix - np.uint32(0x3F330000)
    i = ((tmp >> np.uint32(19)) % np.uint32(16)).astype(np.intp)
    top = tmp & np.uint32(0xFF800000)
    iz = ix - top
    k = top.view(np.int32) >> np.int32(23)
    invc = _POWF_LOG2_TAB[i, 0]
    logc = _POWF_LOG2_TAB[i, 1]
    z = iz.view(_F32).astype(_F64)
    A = _POWF_A
    r = _fma(z, invc, -1.0)
    y0 = logc + k.astype(_F64)
    r2 = r * r
    y = _fma(A[0], r, A[1])
    p = _fma(A[2], r, A[3])
    r4 = r2 * r2
    q = _fma(A[4], r, y0)
    q = _fma(p, r2, q)
    return _fma(y, r4, q)


def _exp2_inline_f(xd, sign_bias):
    """e_powf.c ``exp2_inline`` (no TOINT_INTRINSICS, ``-mfma`` build)."""
    kd = xd + _EXP2F_SHIFT_SCALED
    ki = _u64(kd)
    kd = kd - _EXP2F_SHIFT_SCALED
    r = xd - kd
    t = _EXP2F_TAB[(ki % np.uint64(_EXPF_N)).astype(np.intp)]
    t = t + ((ki + sign_bias.astype(np.uint64)) << np.uint64(52 - 5))
    s = t.view(_F64)
    C = _EXP2F_POLY
    z = _fma(C[0], r, C[1])
    r2 = r * r
    y = _fma(C[2], r, 1.0)
    y = _fma(z, r2, y)
    return y * s


def powf(x, y, ftz_daz=False, variant="2.27", fma=True):
    """glibc 2.36 ``powf`` (``e_powf.c``, ``__powf_fma``: ``-mfma -mavx2``, every
    ``a*b + c`` of ``log2_inline``/``exp2_inline`` contracted, as the distribution build's
    generated code shows). float32 in (broadcast together), float32 out.

    * Only the FMA build is emulated (``fma=False`` raises ``NotImplementedError``).
    * ``__math_invalidf`` (negative x, non-integer y) returns the x86 default NaN
      (``0xFFC00000``, sign bit set); ``x + y`` with a NaN operand returns the first NaN
      operand quieted.
    * Under DAZ a subnormal x reads as 0 in the normalisation ``x * 0x1p23f``, so its
      logarithm is that of 2**-150; a subnormal y reads as 0 in ``y * log2(x)``.
    """
    _check_variant(variant, _F32_VARIANTS)
    if not fma:
        raise NotImplementedError("only the FMA build of powf is emulated")
    x, y = np.broadcast_arrays(np.asarray(x, _F32), np.asarray(y, _F32))
    shape = x.shape
    x = np.ascontiguousarray(x).reshape(-1)
    y = np.ascontiguousarray(y).reshape(-1)
    U = np.uint32
    ix, iy = _u32(x), _u32(y)
    tiny = np.finfo(_F32).tiny
    with np.errstate(all="ignore"):
        zy = _zeroinfnan(iy, 0x7F800000)
        zx = _zeroinfnan(ix, 0x7F800000) & ~zy
        neg = (ix & U(0x80000000)) != 0
        yint = _checkint(iy, 8, 23)
        invalid = neg & ~zx & ~zy & (yint == 0)
        sign = neg & (yint == 1)
        sign_bias = np.where(sign, U(1 << 16), U(0))
        mix = ix & U(0x7FFFFFFF)
        sub = mix < U(0x00800000)
        if ftz_daz:
            nx = np.zeros_like(mix)
        else:
            nx = _u32(x * _F32(2.0 ** 23)) & U(0x7FFFFFFF)
        mix = np.where(sub, nx - U(23 << 23), mix)
        logx = _log2_inline_f(mix)
        yd = y.astype(_F64)
        if ftz_daz:
            yd = np.where(np.abs(y) < tiny, np.copysign(0.0, yd), yd)
        ylogx = yd * logx
        out = _exp2_inline_f(ylogx, sign_bias).astype(_F32)
        big = ((_u64(ylogx) >> np.uint64(47)) & np.uint64(0xFFFF)) >= \
            (np.float64(126.0).view(np.uint64) >> np.uint64(47))
        sgn = np.where(sign, _F32(-1.0), _F32(1.0))
        may_uflow = _F32(0.0) if ftz_daz else _F32(2.0 ** -149)
        ov = np.where(ylogx <= -150.0, sgn * _F32(0.0), out)
        ov = np.where((ylogx > -150.0) & (ylogx < -149.0), sgn * may_uflow, ov)
        ov = np.where(ylogx > float.fromhex("0x1.fffffffd1d571p+6"), sgn * _F32(np.inf), ov)
        out = np.where(big, ov, out)
        if ftz_daz:
            out = np.where(np.abs(out) < tiny, np.copysign(_F32(0.0), out), out)
        out = np.where(invalid, np.uint32(0xFFC00000).view(_F32), out)
        out = np.where(zx, _pow_specials_x(x, ix, iy, yint, 0x80000000), out)
        out = np.where(zy, _pow_specials_y(x, y, ix, iy, 0x3F800000, 0x7F800000, 0x80000000),
                       out)
    return out.astype(_F32, copy=False).reshape(shape)


def _log_inline_d(ix):
    """e_pow.c ``log_inline`` (``__FP_FAST_FMA`` build; the compiler also fuses
    ``kd*Ln2hi + logc``, ``kd*Ln2lo + logctail``, the polynomial's ``a + r*b`` steps and
    ``ar3 * poly + (lo1 + lo2 + lo3 + lo4)``). Returns (hi, lo)."""
    tmp = ix - np.uint64(0x3FE6955500000000)
    i = ((tmp >> np.uint64(45)) % np.uint64(128)).astype(np.intp)
    k = tmp.view(np.int64) >> np.int64(52)
    iz = ix - (tmp & np.uint64(0xFFF << 52))
    z = iz.view(_F64)
    kd = k.astype(_F64)
    invc = _POW_LOG_TAB[i, 0]
    logc = _POW_LOG_TAB[i, 1]
    logctail = _POW_LOG_TAB[i, 2]
    A = _POW_A
    r = _fma(z, invc, -1.0)
    t1 = _fma(kd, _POW_LN2HI, logc)
    t2 = t1 + r
    lo1 = _fma(kd, _POW_LN2LO, logctail)
    lo2 = t1 - t2 + r
    ar = A[0] * r
    ar2 = r * ar
    ar3 = r * ar2
    hi = t2 + ar2
    lo3 = _fma(ar, r, -ar2)
    lo4 = t2 - hi + ar2
    q = _fma(_fma(r, A[6], A[5]), ar2, _fma(r, A[4], A[3]))
    q = _fma(ar2, q, _fma(r, A[2], A[1]))
    lo = _fma(ar3, q, ((lo1 + lo2) + lo3) + lo4)
    y = hi + lo
    return y, hi - y + lo


def _exp_inline_d(x, xtail, sign_bias, ftz):
    """e_pow.c ``exp_inline`` (``-mfma`` build) including ``specialcase``,
    ``__math_oflow``/``__math_uflow``; ``sign_bias`` is 0 or 0x40000 (uint64)."""
    U = np.uint64
    ux = _u64(x)
    abstop = ((ux >> U(52)) & U(0x7FF)).astype(np.int64)
    sgn = np.where(sign_bias != 0, -1.0, 1.0)
    kd = _fma(x, _EXP_INVLN2N, _EXP_SHIFT)
    ki = _u64(kd)
    kd = kd - _EXP_SHIFT
    r = _fma(kd, _EXP_NEGLN2LON, _fma(kd, _EXP_NEGLN2HIN, x))
    r = xtail + r
    idx = (U(2) * (ki % U(_EXP_N))).astype(np.intp)
    top = (ki + sign_bias) << U(52 - 7)
    tail = _EXP_TAB_U[idx].view(_F64)
    sbits = _EXP_TAB_U[idx + 1] + top
    r2 = r * r
    tmp = _fma(r2 * r2, _fma(r, _EXP_C5, _EXP_C4), _fma(_fma(r, _EXP_C3, _EXP_C2), r2, tail + r))
    scale = sbits.view(_F64)
    out = _fma(scale, tmp, scale)
    spc = (abstop >= 0x408) & (abstop < 0x409)
    if spc.any():
        pos = (ki & U(0x80000000)) == 0
        sc1 = (sbits - U(1009 << 52)).view(_F64)
        y1 = _fma(sc1, tmp, sc1) * float.fromhex("0x1p1009")
        sb2 = sbits + U(1022 << 52)
        sc2 = sb2.view(_F64)
        st = sc2 * tmp
        y2 = sc2 + st
        one = np.where(y2 < 0.0, -1.0, 1.0)
        lo = sc2 - y2 + st
        hi = one + y2
        lo = one - hi + y2 + lo
        y3 = (hi + lo) - one
        y3 = np.where(y3 == 0.0, (sb2 & U(0x8000000000000000)).view(_F64), y3)
        y2 = np.where(np.abs(y2) < 1.0, y3, y2)
        y2 = float.fromhex("0x1p-1022") * y2
        out = np.where(spc, np.where(pos, y1, y2), out)
    if ftz:
        out = _flush64(out)
    out = np.where(abstop < 0x3C9, sgn * (1.0 + x), out)
    hard = abstop >= 0x409
    out = np.where(hard, np.where((ux >> U(63)) != 0, sgn * 0.0, sgn * np.inf), out)
    return out


def pow(x, y, ftz_daz=False, variant="2.2.5", fma=True):  # noqa: A001 - libm's name
    """glibc 2.36 ``pow`` (``e_pow.c`` built ``-mfma -mavx2``: ``__ieee754_pow_fma``, with
    ``__FP_FAST_FMA`` and the compiler's contractions read from the distribution build's
    generated code). float64 in (broadcast together), float64 out.

    ``variant="2.2.5"`` is the SVID compat wrapper ``pow@GLIBC_2.2.5`` (``w_pow_compat.c``,
    ``__kernel_standard`` types 21/22/23/24/43 with ``_LIB_VERSION == _POSIX_``): it returns
    the same value as ``__ieee754_pow`` in every case (under DAZ a subnormal x compares equal
    to 0 there too), so both variants share this code. Only the FMA build is emulated.
    """
    _check_variant(variant, _F64_VARIANTS)
    if not fma:
        raise NotImplementedError("only the FMA build of pow is emulated")
    x, y = np.broadcast_arrays(np.asarray(x, _F64), np.asarray(y, _F64))
    shape = x.shape
    x = np.ascontiguousarray(x).reshape(-1)
    y = np.ascontiguousarray(y).reshape(-1)
    U = np.uint64
    ix, iy = _u64(x), _u64(y)
    with np.errstate(all="ignore"):
        topx = (ix >> U(52)).astype(np.int64)
        topy = (iy >> U(52)).astype(np.int64) & 0x7FF
        zy = _zeroinfnan(iy, 0x7FF0000000000000)
        zx = _zeroinfnan(ix, 0x7FF0000000000000) & ~zy
        neg = (ix >> U(63)) != 0
        yint = _checkint(iy, 11, 52)
        invalid = neg & ~zx & ~zy & (yint == 0)
        sign = neg & (yint == 1)
        sign_bias = np.where(sign, U(0x800 << 7), U(0))
        mix = ix & U(0x7FFFFFFFFFFFFFFF)
        # |y| < 2**-65 or |y| >= 2**63 (finite, non-zero; y is even or x >= 0 here)
        yout = ~zx & ~zy & ~invalid & ((topy < 0x3BE) | (topy >= 0x43E))
        xgt1 = mix > U(0x3FF0000000000000)
        ys = _flush64(y) if ftz_daz else y
        yo = np.where(xgt1, 1.0 + ys, 1.0 - ys)
        yo = np.where(topy >= 0x43E, np.where(xgt1 == (iy >> U(63) == 0), np.inf, 0.0), yo)
        yo = np.where(mix == U(0x3FF0000000000000), 1.0, yo)
        sub = (topx & 0x7FF) == 0
        if ftz_daz:
            nx = np.zeros_like(mix)
        else:
            nx = _u64(x * 2.0 ** 52) & U(0x7FFFFFFFFFFFFFFF)
        mix = np.where(sub, nx - U(52 << 52), mix)
        hi, lo = _log_inline_d(mix)
        ehi = y * hi
        elo = _fma(y, lo, _fma(y, hi, -ehi))
        out = _exp_inline_d(ehi, elo, sign_bias, ftz_daz)
        out = np.where(yout, yo, out)
        out = np.where(invalid, np.uint64(0xFFF8000000000000).view(_F64), out)
        out = np.where(zx, _pow_specials_x(x, ix, iy, yint, 0x8000000000000000), out)
        out = np.where(zy, _pow_specials_y(x, y, ix, iy, 0x3FF0000000000000,
                                           0x7FF0000000000000, 0x8000000000000000), out)
    return out.astype(_F64, copy=False).reshape(shape)
